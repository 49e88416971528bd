import { describe, expect, it } from "vitest";
import { unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from "./unsubscribe-token";

const SECRET = Buffer.alloc(32, 9);
const target = { shop: "paws.myshopify.com", channel: "email" as const, recipient: 42 };

describe("unsubscribe tokens", () => {
  it("round-trip the shop, channel and recipient", () => {
    expect(verifyUnsubscribeToken(unsubscribeToken(target, SECRET), SECRET)).toEqual(target);
    const byAddress = { shop: "paws.myshopify.com", channel: "sms" as const, recipient: "+14155550123" };
    expect(verifyUnsubscribeToken(unsubscribeToken(byAddress, SECRET), SECRET)).toEqual(byAddress);
  });

  it("refuse another deployment's secret, a tampered payload and garbage", () => {
    const token = unsubscribeToken(target, SECRET);
    expect(verifyUnsubscribeToken(token, Buffer.alloc(32, 1))).toBeNull();
    const [, signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ s: "paws.myshopify.com", c: "email", r: 43 })).toString("base64url");
    expect(verifyUnsubscribeToken(`${forgedPayload}.${signature}`, SECRET)).toBeNull();
    const dot = token.indexOf(".");
    const flipped = token[dot + 1] === "A" ? "B" : "A";
    expect(verifyUnsubscribeToken(`${token.slice(0, dot + 1)}${flipped}${token.slice(dot + 2)}`, SECRET)).toBeNull();
    // The same signature bytes spelled with different unused trailing bits.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBytes = alphabet[alphabet.indexOf(token.at(-1) ?? "A") + 1] ?? "B";
    expect(Buffer.from(`${token.slice(dot + 1, -1)}${sameBytes}`, "base64url")).toEqual(Buffer.from(token.slice(dot + 1), "base64url"));
    expect(verifyUnsubscribeToken(`${token.slice(0, -1)}${sameBytes}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken("not-a-token", SECRET)).toBeNull();
  });

  it("builds the link under the app's URL", () => {
    const url = unsubscribeUrl("https://flock.test/", "paws.myshopify.com", "email", 42, SECRET);
    expect(url.startsWith("https://flock.test/unsubscribe/")).toBe(true);
    expect(verifyUnsubscribeToken(url.slice("https://flock.test/unsubscribe/".length), SECRET)).toEqual(target);
  });
});
