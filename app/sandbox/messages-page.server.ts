// The Sandbox Messages page's data: what the Twilio and SendGrid stand-ins received (read from
// their own JSON APIs, which hold it in memory for the demo process — the app's database keeps
// only what real providers would tell it), grouped as phone threads and an email inbox; and a
// customer's reply, which the Twilio stand-in posts to the app's signed inbound webhook.
import { z } from "zod";

const StoredSms = z.object({
  sid: z.string(),
  accountSid: z.string(),
  direction: z.enum(["outbound-api", "inbound"]),
  from: z.string().nullable(),
  to: z.string(),
  body: z.string(),
  status: z.string(),
  errorCode: z.number().nullable(),
  dateCreated: z.string(),
  optedOut: z.boolean(),
  webhooks: z.array(z.object({ status: z.string(), answer: z.union([z.number(), z.string()]) })),
});
type StoredSms = z.infer<typeof StoredSms>;

const Address = z.object({ email: z.string(), name: z.string().optional() });
const StoredMail = z.object({
  messageId: z.string(),
  receivedAt: z.string(),
  body: z.object({
    personalizations: z.array(
      z.object({
        to: z.array(Address),
        subject: z.string().optional(),
        custom_args: z.record(z.string(), z.string()).optional(),
        headers: z.record(z.string(), z.string()).optional(),
      }),
    ),
    from: Address,
    reply_to: Address.optional(),
    subject: z.string().optional(),
    content: z.array(z.object({ type: z.string(), value: z.string() })).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    categories: z.array(z.string()).optional(),
    custom_args: z.record(z.string(), z.string()).optional(),
    asm: z.object({ group_id: z.number() }).optional(),
  }),
  events: z.array(z.object({ event: z.string(), email: z.string(), answer: z.union([z.number(), z.string()]) })),
  /** Per personalization, what its recipients received: the stand-in applies the substitutions. */
  deliveries: z.array(z.object({ subject: z.string(), content: z.array(z.object({ type: z.string(), value: z.string() })) })).optional(),
});

export interface SmsThread {
  /** The customer's number. */
  number: string;
  /** Our sender in this thread, which a reply goes to. */
  sender: string;
  accountSid: string;
  optedOut: boolean;
  messages: { sid: string; mine: boolean; body: string; status: string; at: string; webhooks: string }[];
}

export interface InboxEmail {
  id: string;
  to: string;
  from: string;
  replyTo: string | null;
  subject: string;
  html: string | null;
  text: string | null;
  receivedAt: string;
  headers: [string, string][];
  events: string[];
}

/** Threads per customer number, oldest message first, the most recent thread first. */
export function groupThreads(messages: StoredSms[]): SmsThread[] {
  const threads = new Map<string, SmsThread>();
  for (const m of [...messages].sort((a, b) => a.dateCreated.localeCompare(b.dateCreated))) {
    const mine = m.direction === "outbound-api";
    const number = mine ? m.to : (m.from ?? "");
    const thread = threads.get(number) ?? { number, sender: "", accountSid: m.accountSid, optedOut: false, messages: [] };
    thread.sender = mine ? (m.from ?? thread.sender) : m.to;
    thread.optedOut = m.optedOut;
    const status = m.errorCode ? `${m.status} (${m.errorCode})` : m.status;
    thread.messages.push({
      sid: m.sid,
      mine,
      body: m.body,
      status,
      at: m.dateCreated,
      webhooks: m.webhooks.map((w) => `${w.status} → ${w.answer}`).join(", "),
    });
    threads.set(number, thread);
  }
  return [...threads.values()].sort((a, b) => (b.messages.at(-1)?.at ?? "").localeCompare(a.messages.at(-1)?.at ?? ""));
}

export function inboxEmails(mails: z.infer<typeof StoredMail>[]): InboxEmail[] {
  // Newest mail first; recipients of one mail in the order they were sent.
  return [...mails].reverse().flatMap((mail) =>
    mail.body.personalizations.flatMap((p, pi) =>
      p.to.map((to, ti) => {
        const delivered = mail.deliveries?.[pi];
        const content = (type: string) => (delivered?.content ?? mail.body.content)?.find((c) => c.type === type)?.value ?? null;
        const headers: [string, string][] = [
          ["From", mail.body.from.name ? `${mail.body.from.name} <${mail.body.from.email}>` : mail.body.from.email],
          ["To", to.email],
          ...(mail.body.reply_to ? [["Reply-To", mail.body.reply_to.email] as [string, string]] : []),
          ["Subject", delivered?.subject ?? p.subject ?? mail.body.subject ?? ""],
          ["X-Message-Id", mail.messageId],
          ...Object.entries({ ...mail.body.headers, ...p.headers }),
          ...(mail.body.asm ? [["Unsubscribe group", String(mail.body.asm.group_id)] as [string, string]] : []),
          ...(mail.body.categories ? [["Categories", mail.body.categories.join(", ")] as [string, string]] : []),
          ...Object.entries({ ...mail.body.custom_args, ...p.custom_args }).map(([k, v]) => [`custom_args.${k}`, v] as [string, string]),
        ];
        return {
          id: `${mail.messageId}-${pi}-${ti}`,
          to: to.email,
          from: mail.body.from.email,
          replyTo: mail.body.reply_to?.email ?? null,
          subject: delivered?.subject ?? p.subject ?? mail.body.subject ?? "",
          html: content("text/html"),
          text: content("text/plain"),
          receivedAt: mail.receivedAt,
          headers,
          events: mail.events.filter((e) => e.email === to.email).map((e) => `${e.event} → ${e.answer}`),
        };
      }),
    ),
  );
}

export interface SandboxMessages {
  threads: SmsThread[];
  emails: InboxEmail[];
  problem: string | null;
}

export async function loadSandboxMessages(control: {
  twilio?: string | undefined;
  sendgrid?: string | undefined;
}): Promise<SandboxMessages> {
  if (!control.twilio || !control.sendgrid)
    return { threads: [], emails: [], problem: "The Twilio and SendGrid stand-ins are not running (start the app with npm run demo)." };
  const [sms, mail] = await Promise.all([
    fetch(`${control.twilio}/_sandbox/messages`).then((r) => r.json()),
    fetch(`${control.sendgrid}/_sandbox/mails`).then((r) => r.json()),
  ]);
  return {
    threads: groupThreads(z.object({ messages: z.array(StoredSms) }).parse(sms).messages),
    emails: inboxEmails(z.object({ mails: z.array(StoredMail) }).parse(mail).mails),
    problem: null,
  };
}

export const CustomerReply = z.object({
  accountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, "The customer's number is not E.164"),
  to: z.string().min(1),
  body: z.string().trim().min(1, "Type a reply"),
});
export type CustomerReply = z.infer<typeof CustomerReply>;

/** The customer texts back: the stand-in stores it and posts it, signed, to the app's inbound webhook. */
export async function sendCustomerReply(twilioControl: string, reply: CustomerReply): Promise<{ ok: boolean; message: string }> {
  const response = await fetch(`${twilioControl}/_sandbox/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(reply),
  });
  const result = z.object({ webhooks: z.array(z.object({ answer: z.union([z.number(), z.string()]) })) }).parse(await response.json());
  const answer = result.webhooks[0]?.answer ?? "no inbound webhook";
  return { ok: answer === 200, message: `Reply sent; the app's inbound webhook answered ${answer}` };
}
