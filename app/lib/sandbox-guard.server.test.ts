import { describe, expect, it } from "vitest";
import { isLoopbackHost, sandboxDecision, sandboxRequestCheck } from "./sandbox-guard.server";

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

describe("sandbox request check", () => {
  const bound = { HOST: "127.0.0.1", PORT: 3000 };
  const request = (url: string, method = "GET", headers: Record<string, string> = {}) => ({ url, method, headers: new Headers(headers) });
  it.each([
    { description: "the bound host", req: request("http://127.0.0.1:3000/app", "GET", { host: "127.0.0.1:3000" }), ok: true },
    {
      description: "a same-origin POST",
      req: request("http://127.0.0.1:3000/app", "POST", {
        host: "127.0.0.1:3000",
        origin: "http://127.0.0.1:3000",
        "sec-fetch-site": "same-origin",
      }),
      ok: true,
    },
    { description: "a POST without browser headers (a test or curl)", req: request("http://127.0.0.1:3000/app", "POST"), ok: true },
    { description: "a rebound name", req: request("http://127.0.0.1:3000/app", "GET", { host: "evil.example:3000" }), ok: false },
    { description: "localhost, not what the server is bound to", req: request("http://localhost:3000/app", "GET"), ok: false },
    { description: "another port", req: request("http://127.0.0.1:3001/app", "GET"), ok: false },
    { description: "a Host without port", req: request("http://127.0.0.1:3000/app", "GET", { host: "127.0.0.1" }), ok: false },
    { description: "a cross-origin POST", req: request("http://127.0.0.1:3000/app", "POST", { origin: "http://evil.example" }), ok: false },
    {
      description: "a same-site POST from another port",
      req: request("http://127.0.0.1:3000/app", "POST", { origin: "http://127.0.0.1:8080", "sec-fetch-site": "same-site" }),
      ok: false,
    },
  ])("$description", ({ req, ok }) => {
    expect(sandboxRequestCheck(req, bound).ok).toBe(ok);
  });

  it("knows an IPv6 loopback binding", () => {
    expect(sandboxRequestCheck(request("http://[::1]:3000/app", "GET", { host: "[::1]:3000" }), { HOST: "::1", PORT: 3000 }).ok).toBe(true);
  });
});
