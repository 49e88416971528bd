// `npm run bench -- render [--recipients N]`: message rendering throughput.
// - sms_render_per_s: template render + opt-out line + encoding + segment count + cost, per
//   recipient (goal ≥ 100,000/s). One recipient in eight has an emoji or Polish letters in their
//   name, so both encodings are exercised.
// - email_render_per_s: personalising an MJML-compiled email in batches of 1,000 (goal ≥ 20,000/s);
//   the one-off MJML compile is reported apart as email_compile_ms.
import { compileEmail, personalizeEmail } from "../app/messaging/email/compile";
import type { EmailContent } from "../app/messaging/email/blocks";
import { compileTemplate, SAMPLE_VARIABLES } from "../app/messaging/render/template";
import type { TemplateVariables } from "../app/messaging/render/template";
import { composeSms } from "../app/messaging/sms/compose";
import type { Bench, BenchResult } from "./types";

const NAMES = [
  "Alex",
  "Sam",
  null,
  "Jordan",
  "Zoë",
  "Łukasz",
  "Priya",
  "Mia 🐾",
  "Chris",
  "Noah",
  "Emma",
  "Liam",
  null,
  "Ava",
  "Olivia",
  "Ethan",
];
const BATCH = 1_000;

function variablesFor(i: number): TemplateVariables {
  return {
    ...SAMPLE_VARIABLES,
    customer: { first_name: NAMES[i % NAMES.length] ?? null, last_name: null },
    discount_code: i % 3 === 0 ? null : `SAVE${i % 100}`,
    checkout_url: `https://paws.example.com/checkouts/${i.toString(36)}`,
    unsubscribe_url: `https://flock.example.com/u/${i.toString(36)}`,
  };
}

function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

const EMAIL: EmailContent = {
  subject: 'A treat for you, {{ customer.first_name | default: "friend" }}',
  previewText: "Your cart is waiting — 10% off inside",
  blocks: [
    { type: "heading", text: 'Hi {{ customer.first_name | default: "there" }}!' },
    {
      type: "paragraph",
      text: "You left something in your cart. It is still there, and so is your discount.\nUse {{ discount_code | default: 'WELCOME' }} at checkout.",
    },
    {
      type: "paragraph",
      text: "New this week: [cosy beds]({{ '/collections/beds' | store_url }}), [chew toys]({{ '/collections/toys' | store_url }}) and more.",
    },
    { type: "button", label: "Finish your order", url: "{{ checkout_url }}" },
    { type: "paragraph", text: "Questions? Just reply to this email — a real person at {{ shop.name }} reads every one." },
  ],
};

export const benchRender: Bench = async (options) => {
  const count = options.recipients ?? 200_000;
  const recipients = Array.from({ length: Math.min(count, 10_000) }, (_, i) => variablesFor(i));
  const results: BenchResult[] = [];

  const sms = compileTemplate(
    '{{ shop.name }}: Hi {{ customer.first_name | default: "there" }}, your cart misses you! Use {{ discount_code | default: "WELCOME" }} for 10% off: {{ checkout_url }}',
  );
  let units = 0;
  for (let i = 0; i < 20_000; i++)
    units += composeSms(sms, recipients[i % recipients.length] as TemplateVariables, {
      kind: "marketing",
      firstMessageToNumber: false,
      country: "US",
    }).analysis.units;
  let start = performance.now();
  for (let i = 0; i < count; i++)
    units += composeSms(sms, recipients[i % recipients.length] as TemplateVariables, {
      kind: "marketing",
      firstMessageToNumber: i % 10 === 0,
      country: i % 5 === 0 ? "CA" : "US",
    }).analysis.units;
  results.push({ bench: "render", metric: "sms_render_per_s", value: perSecond(count, performance.now() - start), unit: "messages/s" });

  start = performance.now();
  const email = await compileEmail(
    EMAIL,
    { name: "Paws & Whiskers", postalAddress: ["12 Bark Street", "Portland, OR 97201"], accentColor: "#ff6600" },
    "marketing",
  );
  results.push({ bench: "render", metric: "email_compile_ms", value: Math.round(performance.now() - start), unit: "ms" });
  const emails = Math.max(BATCH, Math.round(count / 4 / BATCH) * BATCH);
  let bytes = 0;
  for (let i = 0; i < 5_000; i++) bytes += personalizeEmail(email, recipients[i % recipients.length] as TemplateVariables).html.length;
  start = performance.now();
  for (let b = 0; b < emails; b += BATCH) {
    const batch = [];
    for (let i = b; i < b + BATCH; i++) batch.push(personalizeEmail(email, recipients[i % recipients.length] as TemplateVariables));
    bytes += batch.length;
  }
  results.push({ bench: "render", metric: "email_render_per_s", value: perSecond(emails, performance.now() - start), unit: "emails/s" });
  if (units === 0 || bytes === 0) throw new Error("nothing rendered");
  return results;
};
