// What every browser test needs: its own `npm run demo` instance (own port, own database and
// demo data) and Debian's Chromium with the flags this offline machine needs.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export const DEMO_SHOP = "flock-demo.myshopify.com";

export interface DemoInstance {
  url: string;
  databaseUrl: string;
  /** Everything the demo printed so far. */
  output(): string;
  browser: Browser;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function startDemo(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/demo.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Flock demo: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
}

/** Starts the demo script with `customers` generated customers and a Chromium to drive it. */
export async function openDemo(label: string, customers: number): Promise<DemoInstance> {
  const dir = mkdtempSync(join(tmpdir(), `flock-${label}-`));
  const databaseUrl = `file:${join(dir, "demo.sqlite")}`;
  const port = await freePort();
  const demo = await startDemo({
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    FLOCK_DEMO_CUSTOMERS: String(customers),
    FLOCK_DEMO_DATA_DIR: join(dir, "demo-data"),
    NODE_ENV: "development",
    // The demo's public URL is its loopback address: the provider stand-ins post signed webhooks
    // there (the unit-test setup's https://flock.test would leave them nowhere to go).
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  return {
    url: demo.url,
    databaseUrl,
    output: demo.output,
    browser,
    async close() {
      await browser.close();
      demo.child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
