/**
 * `flock query …`: check segment queries from the shell or a script.
 *
 *   flock query parse '<query>'   canonical text, then the JSON tree; exit 1 on a bad query
 *   flock query parse --stdin     one query per line in, one JSON line out per query; exit 0
 */
import type { CliIo } from "./io";
import { parseSegmentQuery } from "../segments/query-language/parser";
import { printSegmentQuery } from "../segments/query-language/printer";
import { stripPositions } from "../segments/query-language/tree";

const USAGE = `Usage:
  flock query parse '<query>'   print the canonical query and its rule tree
  flock query parse --stdin     read one query per line, write one JSON result per line
`;

export async function runQueryCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command !== "parse") {
    io.stderr.write(command === undefined ? USAGE : `Unknown query command '${command}'.\n${USAGE}`);
    return 2;
  }
  if (rest.length === 1 && rest[0] === "--stdin") return parseStdin(io);
  if (rest.length === 0 || rest.includes("--stdin")) {
    io.stderr.write(USAGE);
    return 2;
  }
  // The shell may split an unquoted query into words; joining them restores it.
  return parseOne(rest.join(" "), io);
}

function parseOne(query: string, io: CliIo): number {
  const result = parseSegmentQuery(query);
  if (!result.ok) {
    io.stderr.write(`${result.error.message}\n`);
    return 1;
  }
  io.stdout.write(`${printSegmentQuery(result.tree)}\n${JSON.stringify(stripPositions(result.tree), null, 2)}\n`);
  return 0;
}

async function parseStdin(io: CliIo): Promise<number> {
  for (const line of splitLines(await readAll(io.stdin))) {
    if (line.trim() === "") continue;
    const result = parseSegmentQuery(line);
    const record = result.ok
      ? { ok: true, canonical: printSegmentQuery(result.tree), tree: stripPositions(result.tree) }
      : { ok: false, error: result.error.message, line: result.error.line, column: result.error.column };
    io.stdout.write(`${JSON.stringify(record)}\n`);
  }
  return 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
