// The crash tests' world: one clock shared by the test, the Twilio stand-in and the worker
// processes (FLOCK_CLOCK_OFFSET_MS), a shop with N subscribed customers in one segment and an SMS
// campaign to it, and `npm run worker` (app/jobs/worker-main.ts) as real child processes.
import { spawn, type ChildProcess } from "node:child_process";
import type { Db } from "~/db/db.server";
import { saveSmsSettings } from "~/messaging/settings/settings.server";
import { SANDBOX_TWILIO } from "~/sandbox/twilio/stand-in.server";
import { createCampaign } from "../campaign-store.server";
import { createSegment, createShop, smsDraft, TEST_KEY } from "../test-support";

/**
 * Real time moved to a fixed date; `advance` moves it for everyone at once. Worker processes get
 * the offset in their environment when they start, so they must be started after each advance.
 */
export class WorldClock {
  private offsetMs: number;
  constructor(start: Date) {
    this.offsetMs = start.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  get offset(): number {
    return this.offsetMs;
  }
}

export interface Blast {
  shop: string;
  campaignId: string;
  phones: string[];
}

const CHUNK = 500;

/**
 * A New York shop sending `smsPerSecond` texts through the sandbox Twilio account, `n` customers
 * subscribed to SMS in a static segment, and a draft SMS campaign to it.
 */
export async function seedBlast(db: Db, n: number, smsPerSecond: number, firstPhone: number): Promise<Blast> {
  const shop = await createShop(db);
  const saved = await saveSmsSettings(
    db,
    shop,
    {
      twilioAccountSid: SANDBOX_TWILIO.accountSid,
      twilioAuthToken: SANDBOX_TWILIO.authToken,
      twilioSenderType: "10dlc",
      twilioSender: SANDBOX_TWILIO.number,
      twilioSenderVerified: true,
      smsPerSecond,
    },
    TEST_KEY,
  );
  if (!saved.ok) throw new Error(`SMS settings refused: ${JSON.stringify(saved.errors)}`);
  await db.shop.update({ where: { shop }, data: { sendingPaused: false } });
  // Distinct valid New York numbers: +1 212 followed by `firstPhone` (7 digits, 2000000 or more) onwards.
  const phones = Array.from({ length: n }, (_, i) => `+1212${firstPhone + i}`);
  const at = new Date("2026-01-01T00:00:00Z");
  for (let start = 0; start < n; start += CHUNK) {
    await db.customer.createMany({
      data: phones.slice(start, start + CHUNK).map((phone, j) => ({
        shop,
        gid: `gid://shopify/Customer/${9_000_000 + start + j}`,
        phone,
        firstName: `Pat${start + j}`,
        countryCode: "US",
        provinceCode: "NY",
        smsMarketingState: "SUBSCRIBED" as const,
        shopifyCreatedAt: at,
        shopifyUpdatedAt: at,
      })),
    });
  }
  const ids = (await db.customer.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
  const segment = await createSegment(db, shop, "Everyone", []);
  for (let start = 0; start < ids.length; start += CHUNK) {
    await db.segmentMembership.createMany({
      data: ids.slice(start, start + CHUNK).map((customerId) => ({ shop, segmentId: segment, customerId, enteredAt: at })),
    });
  }
  await db.segment.update({ where: { id: segment }, data: { memberCount: ids.length } });
  const campaignId = await createCampaign(
    db,
    shop,
    smsDraft([segment], { name: "Crash blast", smsText: "Hi {{ customer.first_name }}, 20% off at {{ shop.name }} today" }),
  );
  return { shop, campaignId, phones };
}

export interface WorkerProcess {
  /** SIGKILL to the whole process group (tsx and the node it runs). Resolves once it is gone. */
  kill(): Promise<void>;
  /** What it logged, for failure messages. */
  output(): string;
}

/** Starts `npm run worker`'s entry (in `baseEnv`, the test's environment) against the database, the stand-in and the world's clock as of now. */
export function startWorkerProcess(options: {
  baseEnv: NodeJS.ProcessEnv;
  databaseUrl: string;
  twilioOrigin: string;
  clock: WorldClock;
}): WorkerProcess {
  const env: NodeJS.ProcessEnv = {
    ...options.baseEnv,
    DATABASE_URL: options.databaseUrl,
    FLOCK_ENCRYPTION_KEY: TEST_KEY.toString("hex"),
    // The stand-in's origin is honoured only in the sandbox (loopback, not production).
    FLOCK_SANDBOX: "1",
    HOST: "127.0.0.1",
    NODE_ENV: "test",
    FLOCK_SANDBOX_TWILIO_ORIGIN: options.twilioOrigin,
    FLOCK_CLOCK_OFFSET_MS: String(Math.round(options.clock.offset)),
    // A killed worker's pg-boss jobs are retried once their heartbeat is missed, looked for every second.
    FLOCK_JOB_SUPERVISE_SECONDS: "1",
    LOG_LEVEL: "warn",
  };
  // The adapter production picks for the database: pg-boss on PostgreSQL, embedded on SQLite.
  delete env.FLOCK_QUEUE;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/jobs/worker-main.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    async kill() {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await exited;
    },
    output: () => log.slice(-4000),
  };
}

/** Polls `probe` until it returns a value (not undefined) or `timeoutMs` passes; the error says what was awaited and the last state. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  state: () => Promise<string> | string = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. ${await state()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
