import { describe, expect, it } from "vitest";
import { CODE_LENGTH, isLinkCode, linkCode, shortLinkKey, shortLinkLength, shortLinkUrl } from "./code";
import { rewriteEmail, rewriteText, utmCampaign, withShortLinkPlaceholders, withUtm, type LinkContext } from "./rewrite";

const APP = "https://flock.example.com";
const context = (overrides: Partial<LinkContext> = {}): LinkContext => ({
  appUrl: APP,
  channel: "sms",
  campaign: "cmp1",
  codeFor: (i) => `CODE${String(i).padStart(8, "0")}`,
  ...overrides,
});
const short = (i: number) => `${APP}/l/CODE${String(i).padStart(8, "0")}`;

describe("rewriteText", () => {
  it.each([
    {
      description: "several links, each its own code, in order",
      text: "Sale: https://paws.example.com/sale and https://paws.example.com/new",
      expected: `Sale: ${short(0)} and ${short(1)}`,
      destinations: [
        "https://paws.example.com/sale?utm_source=flock&utm_medium=sms&utm_campaign=cmp1",
        "https://paws.example.com/new?utm_source=flock&utm_medium=sms&utm_campaign=cmp1",
      ],
    },
    {
      description: "punctuation after a URL stays in the text, outside the link",
      text: "Go to https://paws.example.com/sale. Or https://paws.example.com/a, https://paws.example.com/b! (https://paws.example.com/c)",
      expected: `Go to ${short(0)}. Or ${short(1)}, ${short(2)}! (${short(3)})`,
      destinations: ["/sale", "/a", "/b", "/c"].map(
        (p) => `https://paws.example.com${p}?utm_source=flock&utm_medium=sms&utm_campaign=cmp1`,
      ),
    },
    {
      description: "balanced parentheses inside a URL belong to it",
      text: "Wiki https://en.example.org/wiki/Dog_(breed).",
      expected: `Wiki ${short(0)}.`,
      destinations: ["https://en.example.org/wiki/Dog_(breed)?utm_source=flock&utm_medium=sms&utm_campaign=cmp1"],
    },
    {
      description: "the same URL twice is one link",
      text: "https://paws.example.com/x … again https://paws.example.com/x",
      expected: `${short(0)} … again ${short(0)}`,
      destinations: ["https://paws.example.com/x?utm_source=flock&utm_medium=sms&utm_campaign=cmp1"],
    },
    {
      description: "an emoji right after a link is not part of it",
      text: "Treats https://paws.example.com/treats🐶 now",
      expected: `Treats ${short(0)}🐶 now`,
      destinations: ["https://paws.example.com/treats?utm_source=flock&utm_medium=sms&utm_campaign=cmp1"],
    },
    {
      description: "the merchant's UTM parameters win; the query and the fragment are kept as written",
      text: "https://paws.example.com/p?utm_campaign=summer&a=1%202#top",
      expected: short(0),
      destinations: ["https://paws.example.com/p?utm_campaign=summer&a=1%202&utm_source=flock&utm_medium=sms#top"],
    },
    {
      description: "all three UTM parameters already there (any case): the URL is unchanged",
      text: "https://paws.example.com/?UTM_SOURCE=ig&utm_medium=social&utm_campaign=x",
      expected: short(0),
      destinations: ["https://paws.example.com/?UTM_SOURCE=ig&utm_medium=social&utm_campaign=x"],
    },
    {
      description: "the unsubscribe link, other app links and short links are left alone",
      text: `Stop: ${APP}/unsubscribe/abc.def and ${APP}/l/ABCDEFGHIJKL and HTTPS://FLOCK.EXAMPLE.COM/unsubscribe/x`,
      expected: `Stop: ${APP}/unsubscribe/abc.def and ${APP}/l/ABCDEFGHIJKL and HTTPS://FLOCK.EXAMPLE.COM/unsubscribe/x`,
      destinations: [],
    },
    {
      description: "template leftovers, other schemes and bare domains are left alone",
      text: "Code https://paws.example.com/d/{{ discount_code }} mail mailto:a@b.example tel:+14155550100 paws.example.com/x ftp://f.example.com/y",
      expected:
        "Code https://paws.example.com/d/{{ discount_code }} mail mailto:a@b.example tel:+14155550100 paws.example.com/x ftp://f.example.com/y",
      destinations: [],
    },
    {
      description: "a link-looking string that is no URL is left alone",
      text: "see https://:80/x then",
      expected: "see https://:80/x then",
      destinations: [],
    },
  ])("$description", ({ text, expected, destinations }) => {
    const result = rewriteText(text, context());
    expect(result.text).toBe(expected);
    expect(result.links.map((l) => l.destination)).toEqual(destinations);
    expect(result.links.map((l) => l.index)).toEqual(destinations.map((_, i) => i));
  });

  it("marks email links with utm_medium=email", () => {
    expect(rewriteText("https://x.example.com", context({ channel: "email", campaign: "abandoned-checkout" })).links[0]?.destination).toBe(
      "https://x.example.com?utm_source=flock&utm_medium=email&utm_campaign=abandoned-checkout",
    );
  });
});

describe("rewriteEmail", () => {
  const html = [
    `<html><head><link href="https://fonts.example.com/css?family=Lato" rel="stylesheet"></head><body>`,
    `<a href="https://paws.example.com/sale?a=1&amp;b=2" style="color:#1a73e8">Sale</a>`,
    `<a class='btn' href='https://paws.example.com/new' target="_blank">New</a>`,
    `<a data-href="https://paws.example.com/not-this" href=https://paws.example.com/bare>Bare</a>`,
    `<a href="mailto:help@paws.example.com">Mail us</a>`,
    `<a href="${APP}/unsubscribe/tok.sig" style="color:#666666">Unsubscribe</a>`,
    `<a href="https://paws.example.com/x/{{ discount_code }}">Leftover</a>`,
    `<area shape="rect" href="https://paws.example.com/map">`,
    `<p>Plain https://paws.example.com/in-text stays</p></body></html>`,
  ].join("\n");
  const text = "Sale (https://paws.example.com/sale?a=1&b=2)\n\nUnsubscribe: " + `${APP}/unsubscribe/tok.sig`;

  it("rewrites anchor hrefs, keeps quotes and other attributes, and shares codes with the text part", () => {
    const result = rewriteEmail({ html, text }, context({ channel: "email" }));
    expect(result.links.map((l) => [l.index, l.original])).toEqual([
      [0, "https://paws.example.com/sale?a=1&b=2"],
      [1, "https://paws.example.com/new"],
      [2, "https://paws.example.com/bare"],
      [3, "https://paws.example.com/map"],
    ]);
    expect(result.links[0]?.destination).toBe("https://paws.example.com/sale?a=1&b=2&utm_source=flock&utm_medium=email&utm_campaign=cmp1");
    expect(result.html).toContain(`<a href="${short(0)}" style="color:#1a73e8">Sale</a>`);
    expect(result.html).toContain(`<a class='btn' href='${short(1)}' target="_blank">New</a>`);
    expect(result.html).toContain(`<a data-href="https://paws.example.com/not-this" href="${short(2)}">Bare</a>`);
    expect(result.html).toContain(`<area shape="rect" href="${short(3)}">`);
    // untouched: stylesheet links, mailto, the unsubscribe link, template leftovers, URLs in HTML text
    expect(result.html).toContain(`<link href="https://fonts.example.com/css?family=Lato" rel="stylesheet">`);
    expect(result.html).toContain(`<a href="mailto:help@paws.example.com">Mail us</a>`);
    expect(result.html).toContain(`<a href="${APP}/unsubscribe/tok.sig" style="color:#666666">Unsubscribe</a>`);
    expect(result.html).toContain(`<a href="https://paws.example.com/x/{{ discount_code }}">Leftover</a>`);
    expect(result.html).toContain("Plain https://paws.example.com/in-text stays");
    expect(result.text).toBe(`Sale (${short(0)})\n\nUnsubscribe: ${APP}/unsubscribe/tok.sig`);
  });

  it("works on the text part alone", () => {
    const result = rewriteEmail({ text: "Shop: https://paws.example.com" }, context({ channel: "email" }));
    expect(result).toEqual({ text: `Shop: ${short(0)}`, links: [expect.objectContaining({ index: 0 })] });
  });
});

describe("withUtm", () => {
  it.each([
    { url: "https://x.example.com/?", expected: "https://x.example.com/?utm_source=flock&utm_medium=sms&utm_campaign=c%20d" },
    { url: "https://x.example.com/?a=1&", expected: "https://x.example.com/?a=1&utm_source=flock&utm_medium=sms&utm_campaign=c%20d" },
    { url: "https://x.example.com/#f?x", expected: "https://x.example.com/?utm_source=flock&utm_medium=sms&utm_campaign=c%20d#f?x" },
  ])("$url", ({ url, expected }) => {
    expect(withUtm(url, "sms", "c d")).toBe(expected);
  });
});

describe("utmCampaign", () => {
  it.each([
    { campaignId: "cmp_9", key: "campaign:cmp_9:12", expected: "cmp_9" },
    { campaignId: null, key: "checkout:tok:1", expected: "abandoned-checkout" },
    { campaignId: undefined, key: "test:abc", expected: "test" },
  ])("$key → $expected", ({ campaignId, key, expected }) => {
    expect(utmCampaign(campaignId, key)).toBe(expected);
  });
});

describe("codes", () => {
  const key = shortLinkKey(Buffer.alloc(32, 7));

  it("are 12 base62 characters, the same for the same message and link, different otherwise", () => {
    const code = linkCode(key, "a.myshopify.com", "campaign:1:2", 0);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(isLinkCode(code)).toBe(true);
    expect(linkCode(key, "a.myshopify.com", "campaign:1:2", 0)).toBe(code);
    const others = [
      linkCode(key, "a.myshopify.com", "campaign:1:2", 1),
      linkCode(key, "a.myshopify.com", "campaign:1:3", 0),
      linkCode(key, "b.myshopify.com", "campaign:1:2", 0),
      linkCode(shortLinkKey(Buffer.alloc(32, 8)), "a.myshopify.com", "campaign:1:2", 0),
    ];
    expect(new Set([code, ...others]).size).toBe(5);
  });

  it("spread over the alphabet (no fixed characters an attacker could lean on)", () => {
    const codes = Array.from({ length: 2000 }, (_, i) => linkCode(key, "s", `k${i}`, 0));
    expect(new Set(codes).size).toBe(2000);
    for (let position = 0; position < CODE_LENGTH; position++) {
      expect(new Set(codes.map((c) => c[position])).size).toBeGreaterThan(55);
    }
  });

  it.each(["export:abc", "short", "ABCDEFGHIJK!", "ABCDEFGHIJKLM"])("%s is not a link code", (code) => {
    expect(isLinkCode(code)).toBe(false);
  });
});

describe("short link length", () => {
  it("is the length of the real short link, with or without a trailing slash on the app URL", () => {
    const code = linkCode(shortLinkKey(Buffer.alloc(32, 1)), "s", "k", 0);
    expect(shortLinkUrl(`${APP}/`, code)).toBe(`${APP}/l/${code}`);
    expect(shortLinkLength(APP)).toBe(`${APP}/l/${code}`.length);
    expect(shortLinkLength(`${APP}/`)).toBe(shortLinkLength(APP));
  });

  it("placeholders make a text as long as it will be sent", () => {
    const text = "50% off today: https://paws.example.com/collections/everything-on-sale?ref=sms-blast-november. Reply STOP to opt out";
    const real = rewriteText(text, context({ codeFor: (i) => linkCode(shortLinkKey(Buffer.alloc(32, 1)), "s", "k", i) })).text;
    expect(withShortLinkPlaceholders(text, APP)).toHaveLength(real.length);
    expect(withShortLinkPlaceholders(text, APP)).not.toContain("paws.example.com");
  });
});
