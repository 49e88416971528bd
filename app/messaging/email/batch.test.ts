import { describe, expect, it } from "vitest";
import { deliveredMail, type MailSendBody } from "~/sandbox/sendgrid/rules";
import { batchEmails, MAX_SUBSTITUTION_BYTES, TEXT_ONLY, type BatchRecipient, type BatchTemplate } from "./batch";

// <p>Hi {0}</p><a href="{1}">shop</a>   /   Hi {0}\nshop: {1}
const template: BatchTemplate = { html: ["<p>Hi ", 0, '</p><a href="', 1, '">shop</a>'], text: ["Hi ", 0, "\nshop: ", 1] };

function person(n: number, overrides: Partial<BatchRecipient<number>> = {}): BatchRecipient<number> {
  const link = `https://flock.test/l/code${n}`;
  return {
    ref: n,
    to: { email: `p${n}@example.com`, customArgs: { flock_outbox_id: `o${n}` } },
    subject: `Sale for Pat${n}`,
    html: [`Pat${n}`, link],
    text: [`Pat${n}`, link],
    headers: { "List-Unsubscribe": `<https://flock.test/unsubscribe/t${n}>` },
    ...overrides,
  };
}

/** What each recipient receives from the requests, as the provider applies substitutions. */
function received(
  batches: ReturnType<typeof batchEmails<number>>,
): Map<number, { subject: string; html: string | undefined; text: string; headers: unknown }> {
  const out = new Map<number, { subject: string; html: string | undefined; text: string; headers: unknown }>();
  for (const batch of batches) {
    const body: MailSendBody = {
      subject: batch.subject,
      content: [{ type: "text/plain", value: batch.text }, ...(batch.html === undefined ? [] : [{ type: "text/html", value: batch.html }])],
      personalizations: batch.recipients.map((r) => ({
        to: [{ email: r.email }],
        ...(r.subject ? { subject: r.subject } : {}),
        ...(r.substitutions ? { substitutions: r.substitutions } : {}),
      })),
    };
    batch.refs.forEach((ref, i) => {
      const mail = deliveredMail(body, i);
      out.set(ref, {
        subject: mail.subject,
        text: mail.content[0]?.value ?? "",
        html: mail.content[1]?.value,
        headers: batch.recipients[i]?.headers,
      });
    });
  }
  return out;
}

describe("batchEmails", () => {
  it("one request for emails that all differ, each recipient receiving exactly their own", () => {
    const people = [1, 2, 3].map((n) => person(n));

    const batches = batchEmails(template, people);

    expect(batches).toHaveLength(1);
    expect(batches[0]?.refs).toEqual([1, 2, 3]);
    const got = received(batches);
    for (const n of [1, 2, 3]) {
      expect(got.get(n)).toEqual({
        subject: `Sale for Pat${n}`,
        html: `<p>Hi Pat${n}</p><a href="https://flock.test/l/code${n}">shop</a>`,
        text: `Hi Pat${n}\nshop: https://flock.test/l/code${n}`,
        headers: { "List-Unsubscribe": `<https://flock.test/unsubscribe/t${n}>` },
      });
    }
  });

  it("slots everyone fills alike are written into the content once, not substituted", () => {
    const batches = batchEmails(template, [
      person(1, { html: ["Pat", "https://x.test/1"], text: ["Pat", "https://x.test/1"] }),
      person(2, { html: ["Pat", "https://x.test/2"], text: ["Pat", "https://x.test/2"] }),
    ]);

    expect(batches[0]?.html).toBe('<p>Hi Pat</p><a href="[[flock:h1]]">shop</a>');
    expect(batches[0]?.recipients.map((r) => Object.keys(r.substitutions ?? {}))).toEqual([
      ["[[flock:h1]]", "[[flock:t1]]"],
      ["[[flock:h1]]", "[[flock:t1]]"],
    ]);
  });

  it("identical emails carry no substitutions at all", () => {
    const same = (n: number) =>
      person(n, { subject: "Sale", html: ["you", "https://x.test"], text: ["you", "https://x.test"], headers: {} });
    const [batch] = batchEmails(template, [same(1), same(2)]);
    expect(batch?.recipients.map((r) => r.substitutions)).toEqual([undefined, undefined]);
    expect(batch?.recipients.map((r) => r.subject)).toEqual([undefined, undefined]);
  });

  it("splits at the request limit, in order", () => {
    const batches = batchEmails(
      template,
      [1, 2, 3, 4, 5].map((n) => person(n)),
      2,
    );
    expect(batches.map((b) => b.refs)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("a recipient over 10,000 bytes of substitutions goes alone, values written in", () => {
    const long = "x".repeat(MAX_SUBSTITUTION_BYTES);
    const batches = batchEmails(TEXT_ONLY, [
      person(1, { text: ["short one"] }),
      person(2, { text: [long] }),
      person(3, { text: ["short three"] }),
    ]);

    expect(batches.map((b) => b.refs)).toEqual([[1, 3], [2]]);
    expect(batches[1]).toMatchObject({ text: long, recipients: [{ email: "p2@example.com" }] });
    expect(batches[1]?.recipients[0]?.substitutions).toBeUndefined();
    expect(received(batches).get(3)?.text).toBe("short three");
  });

  it("a value holding the tag marker goes alone, so it cannot be substituted into", () => {
    const batches = batchEmails(template, [
      person(1),
      person(2, { html: ["[[flock:h1]]", "https://x.test"], text: ["[[flock:h1]]", "https://x.test"] }),
    ]);
    expect(batches.map((b) => b.refs)).toEqual([[1], [2]]);
    expect(received(batches).get(2)?.text).toBe("Hi [[flock:h1]]\nshop: https://x.test");
  });
});
