// Prism in front of a stateful fake: `prism proxy --errors` validates each request against the
// vendor's OpenAPI spec before the fake sees it, and each answer before the caller does, so a
// request the real service would refuse on its schema fails here too. Started from
// node_modules/.bin/prism (not npx) so the PID we hold is Prism's own and killing it stops it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PrismProxy {
  origin: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Writes `spec` (already trimmed/patched) to a temp file and proxies `upstream` through Prism. */
export async function startPrismProxy(spec: unknown, upstream: string, label: string): Promise<PrismProxy> {
  const dir = mkdtempSync(join(tmpdir(), `flock-prism-${label}-`));
  const file = join(dir, "spec.json");
  writeFileSync(file, JSON.stringify(spec));
  const port = await freePort();
  const child = spawn("node_modules/.bin/prism", ["proxy", "--errors", "-h", "127.0.0.1", "-p", String(port), file, upstream], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If our process ends without close() (a crash, an uncaught error), Prism must not outlive it.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  await waitForListening(child, label).catch((error: unknown) => {
    process.removeListener("exit", killOnExit);
    throw error;
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitForListening(child: ChildProcess, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        // Keep draining so a full pipe never blocks Prism; its per-request log is not needed.
        child.stdout?.removeListener("data", onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`Prism (${label}) exited with ${code}:\n${output.slice(-2000)}`)));
  });
}
