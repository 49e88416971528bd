import { describe, expect, it } from "vitest";
import { clockOf, EnvError, parseEnv } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://flock.example",
  SCOPES: "read_customers",
  FLOCK_ENCRYPTION_KEY: "a".repeat(64),
};

describe("parseEnv", () => {
  it("accepts a complete environment and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    expect(env.PORT).toBe(3000);
    expect(env.FLOCK_SANDBOX).toBe(false);
  });

  it("lists every missing or malformed variable in one error", () => {
    let error: unknown;
    try {
      parseEnv({
        SHOPIFY_API_KEY: "key",
        SHOPIFY_APP_URL: "not a url",
        FLOCK_ENCRYPTION_KEY: "short",
        PORT: "99999",
        DATABASE_URL: "mysql://x",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toContain("SHOPIFY_API_SECRET: missing");
    expect(message).toContain("SCOPES: missing");
    expect(message).toMatch(/SHOPIFY_APP_URL: .*URL/i);
    expect(message).toContain("FLOCK_ENCRYPTION_KEY: must be 32 bytes");
    expect(message).toContain("PORT:");
    expect(message).toContain("DATABASE_URL: must start with file: or postgres://");
    expect((error as EnvError).problems).toHaveLength(6);
  });

  it("accepts a base64 encryption key of 32 bytes", () => {
    expect(() => parseEnv({ ...valid, FLOCK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") })).not.toThrow();
  });

  it.each([
    { variable: "SHOPIFY_API_SECRET", change: { SHOPIFY_API_SECRET: "sandbox-api-secret" } },
    { variable: "FLOCK_ENCRYPTION_KEY", change: { FLOCK_ENCRYPTION_KEY: "0".repeat(64) } },
    { variable: "FLOCK_ENCRYPTION_KEY", change: { FLOCK_ENCRYPTION_KEY: Buffer.alloc(32, 0).toString("base64") } },
  ])("refuses the demo's $variable in production, naming it", ({ variable, change }) => {
    // GIVEN the demo's published secret in an otherwise valid production environment
    const raw = { ...valid, ...change, NODE_ENV: "production" };
    // THEN production refuses to boot, naming the variable; development accepts it
    expect(() => parseEnv(raw)).toThrow(EnvError);
    expect(() => parseEnv(raw)).toThrow(new RegExp(`${variable}: is the demo's published`));
    expect(() => parseEnv({ ...raw, NODE_ENV: "development" })).not.toThrow();
  });

  it("takes a test clock offset outside production and refuses it in production", () => {
    const at = Date.parse("2026-12-07T17:00:00Z");
    const config = parseEnv({ ...valid, FLOCK_CLOCK_OFFSET_MS: String(at - Date.now()) });
    expect(Math.abs(clockOf(config)().getTime() - at)).toBeLessThan(60_000);
    expect(() => parseEnv({ ...valid, FLOCK_CLOCK_OFFSET_MS: "1000", NODE_ENV: "production" })).toThrow(
      /FLOCK_CLOCK_OFFSET_MS: moves the worker's clock for tests/,
    );
    expect(() => parseEnv({ ...valid, FLOCK_CLOCK_OFFSET_MS: "soon" })).toThrow(/FLOCK_CLOCK_OFFSET_MS:/);
  });
});
