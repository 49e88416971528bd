// The Twilio and SendGrid fakes in their own process (bench/dispatch-fakes.ts), on the bench's
// clock, as the providers are: the dispatch and blast benches start and stop them here.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface Fakes {
  twilio: string;
  sendgrid: string;
  child: ChildProcess;
}

/** The fakes in their own process (bench/dispatch-fakes.ts), on the bench's clock. */
export async function startFakes(base: Date, anchorMs: number): Promise<Fakes> {
  const child = spawn("node_modules/.bin/tsx", ["bench/dispatch-fakes.ts", base.toISOString(), String(anchorMs)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the benchmark fakes exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", resolve);
  });
  child.removeAllListeners("exit");
  return { ...(JSON.parse(line) as { twilio: string; sendgrid: string }), child };
}

export async function stopFakes(fakes: Fakes): Promise<void> {
  const exited = new Promise((resolve) => fakes.child.once("exit", resolve));
  fakes.child.stdin?.end();
  await exited;
}
