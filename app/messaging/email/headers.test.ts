import { describe, expect, it } from "vitest";
import { listUnsubscribeHeaders, sendGridSendOptions } from "./headers";

describe("listUnsubscribeHeaders", () => {
  it.each([
    {
      description: "https only",
      target: { url: "https://flock.example.com/u/abc" },
      expected: { "List-Unsubscribe": "<https://flock.example.com/u/abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    },
    {
      description: "https and mailto",
      target: { url: "https://flock.example.com/u/abc", mailto: "unsubscribe@mail.example.com" },
      expected: {
        "List-Unsubscribe": "<https://flock.example.com/u/abc>, <mailto:unsubscribe@mail.example.com?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    },
  ])("$description", ({ target, expected }) => {
    expect(listUnsubscribeHeaders(target)).toEqual(expected);
  });

  it.each([
    { description: "an http URL (RFC 8058 wants https)", target: { url: "http://flock.example.com/u/abc" } },
    { description: "a URL with a comma", target: { url: "https://flock.example.com/u/a,b" } },
    { description: "a malformed mailto", target: { url: "https://flock.example.com/u/abc", mailto: "nobody" } },
  ])("refuses $description", ({ target }) => {
    expect(() => listUnsubscribeHeaders(target)).toThrow(/List-Unsubscribe/);
  });
});

describe("sendGridSendOptions", () => {
  it("turns SendGrid's own subscription and click tracking off", () => {
    expect(sendGridSendOptions()).toEqual({
      trackingSettings: { clickTracking: { enable: false, enableText: false }, subscriptionTracking: { enable: false } },
    });
  });
});
