import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretDecryptionError } from "./secret-box";

const key = randomBytes(32);

describe("secret box", () => {
  it("round-trips a secret and never stores it in clear", () => {
    const sealed = encryptSecret("twilio-auth-token-123", key, "shop-a:twilio");
    expect(sealed).not.toContain("twilio-auth-token-123");
    expect(decryptSecret(sealed, key, "shop-a:twilio")).toBe("twilio-auth-token-123");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("fails loudly with the wrong key", () => {
    const sealed = encryptSecret("secret", key);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(SecretDecryptionError);
  });

  it("fails loudly on tampered ciphertext", () => {
    const sealed = encryptSecret("secret value", key);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 0xff;
    parts[3] = data.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow(/tampered/);
  });

  it("fails when the secret is moved to another context", () => {
    const sealed = encryptSecret("secret", key, "shop-a:twilio");
    expect(() => decryptSecret(sealed, key, "shop-b:twilio")).toThrow(SecretDecryptionError);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => encryptSecret("x", randomBytes(16))).toThrow(/32-byte key/);
  });
});
