// The provider side of `npm run bench -- dispatch` (bench/dispatch.ts), in a process of its own:
// the Twilio and SendGrid fakes (app/sandbox/*/fake.server.ts, no Prism) on loopback, on the
// bench's clock. Twilio and SendGrid do their own work on their own machines; in the
// dispatcher's process the fakes' request parsing and contract checks would be charged to the
// dispatcher. Prints one JSON line with the two origins, then serves until stdin closes.
//
//   tsx bench/dispatch-fakes.ts <base ISO> <anchor ms>
import { createServer } from "node:http";
import { shiftedClock } from "~/messaging/dispatch/clock";
import { listen } from "~/sandbox/behind-prism.server";
import { SendGridFake } from "~/sandbox/sendgrid/fake.server";
import { SANDBOX_SENDGRID } from "~/sandbox/sendgrid/stand-in.server";
import { TwilioFake } from "~/sandbox/twilio/fake.server";
import { sandboxAccount } from "~/sandbox/twilio/stand-in.server";

const [baseIso, anchor] = process.argv.slice(2);
if (!baseIso || !anchor) {
  process.stderr.write("usage: dispatch-fakes.ts <base ISO> <anchor ms>\n");
  process.exit(2);
}
const clock = shiftedClock(new Date(baseIso), Number(anchor));
const twilio = new TwilioFake({ accounts: [sandboxAccount()], now: () => clock.now(), stepDelayMs: 0 });
const sendgrid = new SendGridFake({
  apiKeys: [SANDBOX_SENDGRID.apiKey],
  verifiedSenders: [SANDBOX_SENDGRID.fromEmail],
  now: () => clock.now(),
  stepDelayMs: 0,
});
// Node closes a connection idle for 5 s by default, which can race a client reusing it after a
// pause (a text then ends UNKNOWN); the providers keep connections open far longer.
// GET /_bench/mails: how many requests the SendGrid fake holds and how many carry an HTML part.
// The fake's own /_sandbox/mails writes every stored request out as one JSON answer, which at
// 500,000 emails (500 requests of 1,000 personalizations) ran this process out of its 4 GB heap.
const sendgridWithSummary: typeof sendgrid.handle = (req, res) => {
  if (req.method !== "GET" || req.url !== "/_bench/mails") return sendgrid.handle(req, res);
  const withHtml = sendgrid.mails.filter((m) => m.body.content?.some((c) => c.type === "text/html")).length;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ requests: sendgrid.mails.length, withHtml }));
};
const servers = [
  createServer({ keepAliveTimeout: 120_000 }, twilio.handle),
  createServer({ keepAliveTimeout: 120_000 }, sendgridWithSummary),
] as const;
const [twilioOrigin, sendgridOrigin] = await Promise.all(servers.map(listen));
process.stdout.write(`${JSON.stringify({ twilio: twilioOrigin, sendgrid: sendgridOrigin })}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  for (const server of servers) server.closeAllConnections();
  process.exit(0);
});
