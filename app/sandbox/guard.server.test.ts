import { describe, expect, it } from "vitest";
import { isLoopbackHost, sandboxDecision } from "./guard.server";

const on = { FLOCK_SANDBOX: true, NODE_ENV: "development", HOST: "127.0.0.1" } as const;

describe("sandbox guard", () => {
  it("is on only when all three conditions hold", () => {
    expect(sandboxDecision(on)).toEqual({ enabled: true });
  });

  it("is off without FLOCK_SANDBOX=1", () => {
    expect(sandboxDecision({ ...on, FLOCK_SANDBOX: false })).toEqual({ enabled: false, reason: "FLOCK_SANDBOX is not 1" });
  });

  it("is off in production", () => {
    expect(sandboxDecision({ ...on, NODE_ENV: "production" })).toEqual({ enabled: false, reason: "NODE_ENV is production" });
  });

  it.each(["0.0.0.0", "::", "192.168.1.10", "flock.example.com", "127.0.0.1.nip.io"])("is off when bound to %s", (host) => {
    expect(sandboxDecision({ ...on, HOST: host }).enabled).toBe(false);
  });

  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
});
