import { describe, expect, it } from "vitest";
import { emailConfirmToken, emailConfirmUrl, EMAIL_CONFIRM_TTL_MS, verifyEmailConfirmToken } from "./email-token";
import { unsubscribeToken } from "~/messaging/consent/unsubscribe-token";

const SECRET = Buffer.alloc(32, 3);
const CREATED = new Date("2026-03-01T12:00:00Z");
const target = { shop: "a.myshopify.com", requestId: "req-1", expiresAt: Math.floor((CREATED.getTime() + EMAIL_CONFIRM_TTL_MS) / 1000) };

describe("email confirmation tokens", () => {
  it("a token made here names its shop and sign-up until it expires", () => {
    const token = emailConfirmToken(target, SECRET);
    expect(verifyEmailConfirmToken(token, SECRET, new Date(CREATED.getTime() + EMAIL_CONFIRM_TTL_MS - 1000))).toEqual({ ok: true, target });
    expect(verifyEmailConfirmToken(token, SECRET, new Date(CREATED.getTime() + EMAIL_CONFIRM_TTL_MS))).toEqual({
      ok: false,
      reason: "expired",
      target,
    });
  });

  it.each([
    { description: "another key", token: () => emailConfirmToken(target, Buffer.alloc(32, 4)) },
    {
      description: "a later expiry under the old signature",
      token: () =>
        `${emailConfirmToken({ ...target, expiresAt: target.expiresAt + 86_400 }, SECRET).split(".")[0]}.${emailConfirmToken(target, SECRET).split(".")[1]}`,
    },
    {
      description: "an unsubscribe token (another purpose)",
      token: () => unsubscribeToken({ shop: target.shop, channel: "email", recipient: 5 }, SECRET),
    },
    { description: "garbage", token: () => "abc.def" },
    { description: "empty", token: () => "" },
  ])("refuses $description as invalid", ({ token }) => {
    expect(verifyEmailConfirmToken(token(), SECRET, CREATED)).toEqual({ ok: false, reason: "invalid" });
  });

  it("the link is on the app's origin and expires 7 days after the sign-up", () => {
    const { url, expiresAt } = emailConfirmUrl("https://flock.test/", target.shop, target.requestId, CREATED, SECRET);
    expect(expiresAt).toEqual(new Date("2026-03-08T12:00:00Z"));
    const token = /^https:\/\/flock\.test\/optin\/email\/([^/]+)$/.exec(url)?.[1] ?? "";
    expect(verifyEmailConfirmToken(token, SECRET, CREATED)).toEqual({ ok: true, target });
  });
});
