import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_VARIABLES } from "../render/template";
import type { TemplateVariables } from "../render/template";
import type { EmailContent } from "./blocks";
import { compileEmail, personalizeEmail, personalizeSlots } from "./compile";
import type { CompiledEmail, EmailShop } from "./compile";

const shop: EmailShop = {
  name: "Paws & Whiskers",
  postalAddress: ["12 Bark Street", "Portland, OR 97201", "United States"],
  accentColor: "#ff6600",
};
const content: EmailContent = {
  subject: 'A treat for you, {{ customer.first_name | default: "friend" }}',
  previewText: "Your cart is waiting",
  blocks: [
    { type: "heading", text: 'Hi {{ customer.first_name | default: "there" }}!' },
    {
      type: "paragraph",
      text: "You left something behind.\nUse {{ discount_code }} at checkout, or [see the sale]({{ '/collections/sale' | store_url }}).",
    },
    { type: "button", label: "Finish your order", url: "{{ checkout_url }}" },
  ],
};
const ann: TemplateVariables = {
  ...SAMPLE_VARIABLES,
  customer: { first_name: "Ann <b>&</b> Co", last_name: null },
  unsubscribe_url: "https://flock.example.com/u/ann",
};

describe("compileEmail + personalizeEmail", () => {
  let marketing: CompiledEmail;
  let transactional: CompiledEmail;
  beforeAll(async () => {
    marketing = await compileEmail(content, shop, "marketing");
    transactional = await compileEmail(content, shop, "transactional");
  });

  it("renders responsive HTML with every value in place, escaped", () => {
    const email = personalizeEmail(marketing, ann);
    expect(email.subject).toBe("A treat for you, Ann <b>&</b> Co");
    expect(email.html).toContain("@media only screen");
    expect(email.html).toContain("Hi Ann &lt;b&gt;&amp;&lt;/b&gt; Co!");
    expect(email.html).toContain("You left something behind.<br />Use WELCOME10 at checkout");
    expect(email.html).toContain('<a href="https://paws.example.com/collections/sale" style="color:#ff6600">see the sale</a>');
    expect(email.html).toContain('href="https://paws.example.com/checkouts/abc"');
    expect(email.html).toContain("Your cart is waiting");
    expect(email.html).not.toMatch(/FLOCKSLOT/);
  });

  it("marketing email carries the unsubscribe link and the postal address, in HTML and text", () => {
    const email = personalizeEmail(marketing, ann);
    expect(email.html).toContain('<a href="https://flock.example.com/u/ann" style="color:#666666">Unsubscribe</a>');
    expect(email.html).toContain("12 Bark Street<br />Portland, OR 97201<br />United States");
    expect(email.text).toContain("Unsubscribe: https://flock.example.com/u/ann\n12 Bark Street\nPortland, OR 97201\nUnited States");
  });

  it("transactional email has no marketing footer and no unsubscribe headers", () => {
    const email = personalizeEmail(transactional, ann);
    expect(email.html).not.toContain("Unsubscribe");
    expect(email.text).not.toContain("Unsubscribe");
    expect(email.headers).toEqual({});
  });

  it("marketing email carries one-click unsubscribe headers for its recipient", async () => {
    expect(personalizeEmail(marketing, ann).headers).toEqual({
      "List-Unsubscribe": "<https://flock.example.com/u/ann>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    const withMailto = await compileEmail(content, { ...shop, unsubscribeMailto: "unsubscribe@mail.example.com" }, "marketing");
    expect(personalizeEmail(withMailto, ann).headers["List-Unsubscribe"]).toBe(
      "<https://flock.example.com/u/ann>, <mailto:unsubscribe@mail.example.com?subject=unsubscribe>",
    );
  });

  it("writes a plain-text part with links spelled out", () => {
    expect(personalizeEmail(transactional, SAMPLE_VARIABLES).text).toBe(
      "Hi Alex!\n\nYou left something behind.\nUse WELCOME10 at checkout, or see the sale (https://paws.example.com/collections/sale).\n\nFinish your order: https://paws.example.com/checkouts/abc",
    );
  });

  it("personalises each recipient from the same compiled template", () => {
    const bob = personalizeEmail(marketing, {
      ...SAMPLE_VARIABLES,
      customer: { first_name: null, last_name: null },
      unsubscribe_url: "https://flock.example.com/u/bob",
    });
    expect(bob.html).toContain("Hi there!");
    expect(bob.html).toContain("https://flock.example.com/u/bob");
    expect(bob.html).not.toContain("/u/ann");
  });

  it("a rendered URL that is not http(s) or mailto becomes a dead link", () => {
    const email = personalizeEmail(transactional, { ...SAMPLE_VARIABLES, checkout_url: "javascript:alert(1)" });
    expect(email.html).not.toContain("javascript:");
    expect(email.html).toContain('href="#"');
  });

  it("text without Liquid is written once at compile time; only varying values stay slots", () => {
    const literal = marketing.html.filter((piece): piece is string => typeof piece === "string").join("");
    expect(literal).toContain("Your cart is waiting");
    expect(literal).toContain("Finish your order");
    expect(literal).not.toContain("WELCOME10");
    // heading, paragraph text with a code, link URL, button URL, unsubscribe URL
    expect(marketing.html.filter((piece) => typeof piece === "number")).toHaveLength(5);
  });

  it("refuses a field that does not validate", async () => {
    await expect(
      compileEmail({ ...content, blocks: [{ type: "button", label: "Go", url: "{{ checkout }}" }] }, shop, "marketing"),
    ).rejects.toThrow(/unknown variable "checkout"/);
  });
});

describe("personalizeSlots (sending: links as the outbox tracked them)", () => {
  const linked: EmailContent = {
    subject: "Hi {{ customer.first_name }}",
    previewText: "For {{ customer.first_name }} only",
    blocks: [
      { type: "paragraph", text: "See [the sale](https://paws.example.com/sale) or https://paws.example.com/new." },
      { type: "button", label: "Shop", url: "{{ shop.url }}" },
    ],
  };
  const tracked = (plain: string) =>
    new Map([...plain.matchAll(/https:\/\/paws\.example\.com[^\s).]*/g)].map((m, i) => [m[0], `https://flock.test/l/CODE${i}`]));

  it("swaps every link for its tracked one in both parts, keeps the text part as the plain one would read", async () => {
    const email = await compileEmail(linked, shop, "marketing", { foldConstants: false });
    const plain = personalizeEmail(email, ann).text;

    const values = personalizeSlots(email, ann, tracked);

    expect(plain).toContain("See the sale (https://paws.example.com/sale) or https://paws.example.com/new.");
    expect(values.joinedText).toBe(
      plain
        .replace(
          "(https://paws.example.com/sale) or https://paws.example.com/new.",
          "(https://flock.test/l/CODE0) or https://flock.test/l/CODE1.",
        )
        .replace("Shop: https://paws.example.com", "Shop: https://flock.test/l/CODE2"),
    );
    const html = email.html.map((p) => (typeof p === "number" ? values.html[p] : p)).join("");
    expect(html).toContain('<a href="https://flock.test/l/CODE0" style="color:#ff6600">the sale</a>');
    expect(html).toContain("https://flock.test/l/CODE1");
    expect(html).not.toContain("paws.example.com");
    expect(html).toContain("For Ann &lt;b&gt;&amp;&lt;/b&gt; Co only");
    expect(values.subject).toBe("Hi Ann <b>&</b> Co");
  });

  it("List-Unsubscribe only for an https unsubscribe link", async () => {
    const email = await compileEmail(linked, shop, "marketing", { foldConstants: false });
    expect(personalizeSlots(email, ann, tracked).headers["List-Unsubscribe"]).toBe("<https://flock.example.com/u/ann>");
    expect(personalizeSlots(email, { ...ann, unsubscribe_url: "http://127.0.0.1:3000/unsubscribe/x" }, tracked).headers).toEqual({});
  });

  it("without folding, every slot stays a slot (a literal URL can still be tracked per person)", async () => {
    const folded = await compileEmail(linked, shop, "marketing");
    const unfolded = await compileEmail(linked, shop, "marketing", { foldConstants: false });
    expect(folded.html.filter((p) => typeof p === "number").length).toBeLessThan(unfolded.html.filter((p) => typeof p === "number").length);
    expect(unfolded.html.some((p) => typeof p === "string" && p.includes("paws.example.com/sale"))).toBe(false);
  });
});
