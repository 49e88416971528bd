// Crash safety of a blast (issue 15): `npm run worker`'s entry runs the real campaigns.start and
// messaging.dispatch jobs for a 10,000-recipient SMS campaign against the Twilio stand-in, is
// SIGKILLed in the middle and started again; afterwards the stand-in holds exactly one text per
// recipient and every outbox row is settled. On PostgreSQL two workers run (pg-boss, as in
// production) and both are killed. The test, the stand-in and the workers share one clock set to
// a Monday noon in New York, so quiet hours never depend on when the test runs; the restart comes
// after the killed dispatcher's claims ran out (5 minutes on that clock).
import { createServer } from "node:http";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createQueue } from "~/jobs/create-queue.server";
import type { JobQueue } from "~/jobs/queue";
import { createLogger } from "~/lib/logger.server";
import { DEFAULT_DISPATCH_OPTIONS } from "~/messaging/dispatch/dispatcher.server";
import { closeServer, listen } from "~/sandbox/behind-prism.server";
import { TwilioFake } from "~/sandbox/twilio/fake.server";
import { sandboxAccount } from "~/sandbox/twilio/stand-in.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { findCampaignRow } from "./campaign-store.server";
import { seedBlast, startWorkerProcess, waitFor, WorldClock, type Blast, type WorkerProcess } from "./test-support/crash-world";
import { requestSend } from "./send.server";
import { TEST_KEY } from "./test-support";

const MONDAY_NOON_NY = new Date("2026-12-07T17:00:00Z");
const RECIPIENTS = 10_000;
const SMS_PER_SECOND = 1000;
const WORKERS = process.env.TEST_DATABASE === "postgres" ? 2 : 1;
const AFTER_CLAIMS_RAN_OUT_MS = DEFAULT_DISPATCH_OPTIONS.leaseMs + 60_000;
// On the loaded 2-core machine (load average 18–22) the mid-dispatch run took five minutes on
// SQLite and six with two workers on PostgreSQL, most of it reconciling the 2,000 texts the kill
// left unsettled (two Twilio lookups each, 200 per dispatch run).
const TEST_TIMEOUT_MS = 600_000;

const clock = new WorldClock(MONDAY_NOON_NY);
let testDb: TestDb;
// The stand-in's stateful fake, served directly: Prism's contract checks (held by the channel's
// contract tests) would cost more per text than the whole dispatcher on a loaded machine.
const twilio = {
  // Status callbacks are not under test and no app server runs: the fake's posts are answered here.
  fake: new TwilioFake({
    accounts: [sandboxAccount()],
    now: () => clock.now(),
    stepDelayMs: 0,
    fetch: async () => new Response(null, { status: 204 }),
  }),
  origin: "",
};
const server = createServer(twilio.fake.handle);
let queue: JobQueue | undefined;
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  [testDb, twilio.origin] = await Promise.all([createTestDb(), listen(server)]);
  queue = await createQueue(
    { DATABASE_URL: testDb.url, FLOCK_QUEUE: undefined },
    { db: testDb.db, log: createLogger({ level: "silent" }), supervise: false, now: () => clock.now() },
  );
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  workers = [];
});
afterAll(async () => {
  await queue?.stop({ timeoutMs: 0 });
  await Promise.all([closeServer(server), testDb?.drop()]);
});

function startWorkers(): void {
  workers = Array.from({ length: WORKERS }, () =>
    startWorkerProcess({ baseEnv: process.env, databaseUrl: testDb.url, twilioOrigin: twilio.origin, clock }),
  );
}

async function killWorkers(): Promise<void> {
  await Promise.all(workers.map((w) => w.kill()));
}

const textsTo = (blast: Blast) => {
  const phones = new Set(blast.phones);
  return twilio.fake.messages.filter((m) => m.direction === "outbound-api" && phones.has(m.to));
};

async function statuses(blast: Blast): Promise<Record<string, number>> {
  const groups = await testDb.db.outboxMessage.groupBy({ by: ["status"], where: { shop: blast.shop }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

async function describeState(blast: Blast): Promise<string> {
  return `Texts at the stand-in: ${textsTo(blast).length}; outbox: ${JSON.stringify(await statuses(blast))}; worker output: ${workers.map((w) => w.output()).join("\n---\n")}`;
}

/** The merchant's Send, through the real queue the workers take the start job from. */
async function send(blast: Blast): Promise<void> {
  if (!queue) throw new Error("queue not started");
  const result = await requestSend(
    { db: testDb.db, queue, key: TEST_KEY, appUrl: "https://flock.test" },
    blast.shop,
    blast.campaignId,
    clock.now(),
  );
  expect(result).toMatchObject({ ok: true });
}

/** Restarts after the killed claims ran out, and waits until every row is settled. */
async function restartAndFinish(blast: Blast): Promise<void> {
  clock.advance(AFTER_CLAIMS_RAN_OUT_MS);
  startWorkers();
  await waitFor(
    "every outbox row settled",
    async () => {
      const counts = await statuses(blast);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const open = (counts.QUEUED ?? 0) + (counts.SENDING ?? 0) + (counts.UNKNOWN ?? 0);
      return total === RECIPIENTS && open === 0 ? true : undefined;
    },
    TEST_TIMEOUT_MS,
    () => describeState(blast),
  );
  await killWorkers();
}

async function expectExactlyOneTextEach(blast: Blast): Promise<void> {
  // THEN every recipient has exactly one text at the stand-in: none missing, none twice
  const texts = textsTo(blast);
  const perNumber = new Map<string, number>();
  for (const text of texts) perNumber.set(text.to, (perNumber.get(text.to) ?? 0) + 1);
  expect(
    blast.phones.filter((p) => !perNumber.has(p)),
    "recipients without a text",
  ).toEqual([]);
  expect(
    [...perNumber].filter(([, n]) => n > 1),
    "recipients with more than one text",
  ).toEqual([]);
  expect(texts).toHaveLength(RECIPIENTS);
  // AND the outbox holds one SENT row per recipient, each naming its own message at the provider
  const rows = await testDb.db.outboxMessage.findMany({
    where: { shop: blast.shop },
    select: { recipient: true, status: true, providerMessageId: true, idempotencyKey: true },
  });
  expect(rows).toHaveLength(RECIPIENTS);
  expect(await statuses(blast)).toEqual({ SENT: RECIPIENTS });
  const sidTo = new Map(texts.map((t) => [t.sid, t.to]));
  expect(
    rows.filter((r) => r.providerMessageId === null || sidTo.get(r.providerMessageId) !== r.recipient),
    "rows not naming their own text",
  ).toEqual([]);
  expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(RECIPIENTS);
  expect((await findCampaignRow(testDb.db, blast.shop, blast.campaignId))?.enqueuedCount).toBe(RECIPIENTS);
}

it(
  `${WORKERS} worker process(es) SIGKILLed mid-dispatch and restarted: each of ${RECIPIENTS} recipients gets exactly one text`,
  { timeout: TEST_TIMEOUT_MS },
  async () => {
    // GIVEN a 10,000-recipient SMS campaign sent by the merchant, and the workers running it
    const blast = await seedBlast(testDb.db, RECIPIENTS, SMS_PER_SECOND, 2_000_000);
    await send(blast);
    startWorkers();

    // WHEN every worker is killed once the stand-in has received a few thousand texts
    await waitFor(
      "3,000 texts at the stand-in",
      async () => (textsTo(blast).length >= 3000 ? true : undefined),
      120_000,
      () => describeState(blast),
    );
    await killWorkers();
    const atKill = { texts: textsTo(blast).length, rows: await statuses(blast) };
    // (the kill interrupted work: texts remain, and a claimed batch never got its outcomes written)
    expect(atKill.texts, await describeState(blast)).toBeLessThan(RECIPIENTS);
    expect(atKill.rows.SENDING ?? 0, JSON.stringify(atKill)).toBeGreaterThan(0);

    // AND they are started again after the dead claims ran out
    await restartAndFinish(blast);

    await expectExactlyOneTextEach(blast);
  },
);

it(
  `${WORKERS} worker process(es) SIGKILLed while freezing the audience and restarted: the start resumes without writing anything twice`,
  { timeout: TEST_TIMEOUT_MS },
  async () => {
    // GIVEN a 10,000-recipient SMS campaign sent by the merchant
    const blast = await seedBlast(testDb.db, RECIPIENTS, SMS_PER_SECOND, 3_000_000);
    await send(blast);
    startWorkers();

    // WHEN every worker is killed while campaigns.start has claimed the campaign but not finished freezing it
    await waitFor(
      "the start job freezing the audience",
      async () => {
        const row = await findCampaignRow(testDb.db, blast.shop, blast.campaignId);
        return row?.status === "SENDING" && row.frozenAt === null ? true : undefined;
      },
      TEST_TIMEOUT_MS,
      () => describeState(blast),
    );
    await killWorkers();
    const atKill = await findCampaignRow(testDb.db, blast.shop, blast.campaignId);
    expect(atKill).toMatchObject({ status: "SENDING", frozenAt: null });
    // (the outbox rows are written in one transaction: all of them or none)
    expect([0, RECIPIENTS]).toContain(await testDb.db.outboxMessage.count({ where: { shop: blast.shop } }));

    // AND they are started again later
    await restartAndFinish(blast);

    // THEN the start ran to the end once: one row and one text per recipient
    expect(await findCampaignRow(testDb.db, blast.shop, blast.campaignId)).toMatchObject({
      audienceCount: RECIPIENTS,
      enqueuedCount: RECIPIENTS,
    });
    await expectExactlyOneTextEach(blast);
  },
);
