// Slow clients against the server's own limits, over a raw socket: headers trickled, or a body
// trickled a byte at a time, are cut off; a prompt request is served.
import type { Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer, fillMissingHeaders, isCrossOriginWrite, SERVER_TIMEOUTS } from "./http-server.server";

const TIMEOUTS = { headersTimeoutMs: 400, requestTimeoutMs: 800, checkIntervalMs: 50 };
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(): Promise<number> {
  server = createHttpServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("ok"));
  }, TIMEOUTS);
  const s = server;
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return (s.address() as AddressInfo).port;
}

/** Writes `parts` one every `everyMs` until the server closes; resolves with the reply and when it closed. */
function trickle(port: number, parts: string[], everyMs: number): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      let i = 0;
      const next = () => {
        if (i < parts.length && !socket.destroyed) socket.write(parts[i++] ?? "");
        timer = setTimeout(next, everyMs);
      };
      next();
    });
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ reply, closedAfterMs: performance.now() - started });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error("the server kept the slow connection open"));
    }, 5_000);
  });
}

describe("slow clients", () => {
  it("drops a client that trickles its headers", async () => {
    const port = await listen();
    const header = "POST /webhooks/orders/create HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const { closedAfterMs } = await trickle(port, [header, ...Array.from({ length: 100 }, (_, i) => `X-Slow-${i}: 1\r\n`)], 100);
    expect(closedAfterMs).toBeLessThan(TIMEOUTS.requestTimeoutMs + 500);
  });

  it("drops a client that trickles its body, answering 408", async () => {
    const port = await listen();
    const head = "POST /webhooks/orders/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n";
    const { reply, closedAfterMs } = await trickle(port, [head, ...Array.from({ length: 100 }, () => "x")], 100);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(TIMEOUTS.requestTimeoutMs + 500);
  });

  it("serves a prompt request", async () => {
    const port = await listen();
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "x".repeat(1000) });
    expect(await response.text()).toBe("ok");
  });

  it("limits production to seconds, not Node's minutes", () => {
    expect(SERVER_TIMEOUTS.headersTimeoutMs).toBeLessThanOrEqual(SERVER_TIMEOUTS.requestTimeoutMs);
    expect(SERVER_TIMEOUTS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(SERVER_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(1_000);
  });
});

describe("default response headers", () => {
  it("fills in what a response did not set, and keeps what it did, once", async () => {
    // GIVEN a server whose responses get defaults, one route setting its own Cache-Control
    server = createHttpServer((req, res) => {
      fillMissingHeaders(res, { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" });
      if (req.url === "/asset.js") res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      res.end("x");
    }, TIMEOUTS);
    const s = server;
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    // WHEN both are fetched
    const [page, asset] = await Promise.all([fetch(`${base}/export.csv`), fetch(`${base}/asset.js`)]);
    // THEN each header appears once, the route's own value kept
    expect([page.headers.get("x-content-type-options"), page.headers.get("cache-control")]).toEqual(["nosniff", "no-store"]);
    expect([asset.headers.get("x-content-type-options"), asset.headers.get("cache-control")]).toEqual([
      "nosniff",
      "public, max-age=31536000, immutable",
    ]);
  });
});

describe("isCrossOriginWrite (Remix's form-post rule, answered 403 instead of a thrown 500)", () => {
  it.each([
    {
      description: "a same-origin form post",
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" },
      refused: false,
    },
    {
      description: "a post without Origin (curl, Shopify's webhooks)",
      method: "POST",
      headers: { host: "127.0.0.1:3000" },
      refused: false,
    },
    {
      description: "a GET from anywhere",
      method: "GET",
      headers: { host: "127.0.0.1:3000", origin: "http://evil.example" },
      refused: false,
    },
    {
      description: "a post behind a proxy, matching X-Forwarded-Host",
      method: "POST",
      headers: { host: "10.0.0.5:3000", "x-forwarded-host": "flock.example.com", origin: "https://flock.example.com" },
      refused: false,
    },
    {
      description: "a cross-origin post",
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "http://evil.example" },
      refused: true,
    },
    {
      description: "a cross-origin delete",
      method: "DELETE",
      headers: { host: "127.0.0.1:3000", origin: "http://evil.example" },
      refused: true,
    },
    { description: "an opaque origin", method: "POST", headers: { host: "127.0.0.1:3000", origin: "null" }, refused: true },
    { description: "an Origin that is no URL", method: "POST", headers: { host: "127.0.0.1:3000", origin: "::" }, refused: true },
    { description: "another port", method: "POST", headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:8080" }, refused: true },
  ])("$description", ({ method, headers, refused }) => {
    expect(isCrossOriginWrite(method, headers)).toBe(refused);
  });
});
