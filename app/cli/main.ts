// `flock <command> …`: dispatches to each command's module, loaded only when used.
import type { CliIo } from "./io";

const USAGE = `usage: flock <command> [args]

commands:
  query parse '<query>'     print the canonical query and its rule tree
  query parse --stdin       one query a line in, one JSON line out
  segment count --shop <domain> '<query>'                        how many customers match
  segment explain --shop <domain> --customer <id> '<query|id>'   why a customer is in or out
  jobs list                 failed jobs with their last error, and queue counts
  jobs retry <id> | --all   run failed jobs again
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  query: async () => (await import("./query")).runQueryCli,
  segment: async () => (await import("./segment")).runSegmentCli,
  jobs: async () => (await import("./jobs")).runJobsCli,
};

export async function main(
  argv: string[],
  io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    io.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`flock: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest, io);
}
