// A worker killed between the provider call and the outbox write: a real child process runs the
// dispatcher against the stand-ins and SIGKILLs itself once the provider answered. After the
// claim expires, reconciliation finds the text at Twilio (one SMS, never two); the email ends
// UNKNOWN and is not sent again.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SANDBOX_SENDGRID, startSendGridStandIn, type SendGridStandIn } from "~/sandbox/sendgrid/stand-in.server";
import { SANDBOX_TWILIO, startTwilioStandIn, type TwilioStandIn } from "~/sandbox/twilio/stand-in.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { createSendGridChannel } from "../channels/sendgrid.server";
import { createTwilioChannel } from "../channels/twilio.server";
import { countUnknownEmails } from "../outbox/dispatch-store.server";
import { ManualClock } from "./clock";
import { dispatchShop, type DispatchDeps } from "./dispatcher.server";
import { createCustomer, createShop, emailRow, enqueue, smsRow, TEST_KEY } from "./test-support/dispatch-fixtures";

const NOON_NY = new Date("2026-12-07T17:00:00Z");
const clock = new ManualClock(NOON_NY);
let testDb: TestDb;
let twilio: TwilioStandIn;
let sendgrid: SendGridStandIn;

beforeAll(async () => {
  [testDb, twilio, sendgrid] = await Promise.all([
    createTestDb(),
    startTwilioStandIn({ now: () => clock.now(), stepDelayMs: 0 }),
    startSendGridStandIn({ now: () => clock.now(), stepDelayMs: 0 }),
  ]);
});
afterAll(async () => Promise.all([testDb?.drop(), twilio?.close(), sendgrid?.close()]));

/** Runs the crash dispatcher to its SIGKILL; returns what it printed. */
function runUntilKilled(shop: string): Promise<{ stdout: string; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      [
        "app/messaging/dispatch/test-support/crash-dispatcher.ts",
        testDb.url,
        shop,
        clock.now().toISOString(),
        twilio.origin,
        sendgrid.origin,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    // tsx relays the child's fate: a SIGKILLed script ends tsx with that signal or its code.
    child.on("close", (code, signal) => resolve({ stdout, stderr: `${stderr} (exit ${code})`, signal }));
  });
}

function restartedDeps(): DispatchDeps {
  return {
    db: testDb.db,
    key: TEST_KEY,
    clock,
    smsPerSecond: 10,
    sms: createTwilioChannel({
      auth: { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken },
      sender: { from: SANDBOX_TWILIO.number },
      origin: twilio.origin,
    }),
    email: {
      channel: createSendGridChannel({ apiKey: SANDBOX_SENDGRID.apiKey, origin: sendgrid.origin }),
      from: { email: SANDBOX_SENDGRID.fromEmail },
    },
  };
}

it("a text whose worker died after Twilio accepted it is reconciled, not sent twice", async () => {
  const shop = await createShop(testDb.db);
  const person = await createCustomer(testDb.db, shop);
  await enqueue(testDb.db, [smsRow(shop, person, clock.now())], clock.now());

  // GIVEN a worker killed right after Twilio answered, before it wrote the outcome
  const crashed = await runUntilKilled(shop);
  expect(crashed.stdout, crashed.stderr).toBe("answered sent\n");
  await twilio.fake.idle();
  expect(await testDb.db.outboxMessage.findFirstOrThrow({ where: { shop } })).toMatchObject({ status: "SENDING" });

  // WHEN the claim has expired and a worker dispatches the shop again
  clock.advance(61_000);
  const report = await dispatchShop(restartedDeps(), shop);

  // THEN the recipient has exactly one text at the stand-in, and the row names it
  const texts = twilio.fake.messages.filter((m) => m.to === person.phone && m.direction === "outbound-api");
  expect(texts).toHaveLength(1);
  expect(report).toMatchObject({ reconciled: 1, sent: 0 });
  expect(await testDb.db.outboxMessage.findFirstOrThrow({ where: { shop } })).toMatchObject({
    status: "SENT",
    providerMessageId: texts[0]?.sid,
  });
});

it("an email whose worker died after SendGrid accepted it ends UNKNOWN, not in a second email", async () => {
  const shop = await createShop(testDb.db);
  const person = await createCustomer(testDb.db, shop);
  await enqueue(testDb.db, [emailRow(shop, person, clock.now())], clock.now());

  const crashed = await runUntilKilled(shop);
  expect(crashed.stdout, crashed.stderr).toBe("answered sent\n");

  clock.advance(61_000);
  await dispatchShop(restartedDeps(), shop);
  clock.advance(3_600_000);
  await dispatchShop(restartedDeps(), shop);

  const mails = sendgrid.fake.mails.filter((m) => JSON.stringify(m.body.personalizations).includes(person.email));
  expect(mails).toHaveLength(1);
  expect(await testDb.db.outboxMessage.findFirstOrThrow({ where: { shop } })).toMatchObject({ status: "UNKNOWN" });
  expect(await countUnknownEmails(testDb.db, shop)).toBe(1);
});
