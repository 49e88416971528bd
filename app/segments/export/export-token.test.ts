import { describe, expect, it } from "vitest";
import { EXPORT_TOKEN_TTL_MS, signExportToken, verifyExportToken } from "./export-token";

const SECRET = "app-secret";
const now = new Date("2026-11-23T12:00:00Z");
const claims = { shop: "a.myshopify.com", resourceId: "seg1", expiresAt: now.getTime() + EXPORT_TOKEN_TTL_MS, nonce: "n1" };

describe("export tokens", () => {
  it("verify with the secret that signed them until they expire", () => {
    const token = signExportToken(claims, SECRET);
    expect(verifyExportToken(token, SECRET, now)).toEqual({ ok: true, claims });
    expect(verifyExportToken(token, SECRET, new Date(claims.expiresAt - 1)).ok).toBe(true);
    expect(verifyExportToken(token, SECRET, new Date(claims.expiresAt))).toEqual({ ok: false, reason: "expired" });
  });

  it.each([
    { description: "another secret", token: () => signExportToken(claims, SECRET), secret: "other", reason: "forged" },
    {
      description: "claims changed after signing",
      token: () =>
        `${Buffer.from(JSON.stringify(["b.myshopify.com", "seg1", claims.expiresAt, "n1"])).toString("base64url")}.${signExportToken(claims, SECRET).split(".")[1] ?? ""}`,
      secret: SECRET,
      reason: "forged",
    },
    { description: "no signature", token: () => "abc", secret: SECRET, reason: "malformed" },
    { description: "three parts", token: () => "a.b.c", secret: SECRET, reason: "malformed" },
  ])("refuse $description", ({ token, secret, reason }) => {
    expect(verifyExportToken(token(), secret, now)).toEqual({ ok: false, reason });
  });
});
