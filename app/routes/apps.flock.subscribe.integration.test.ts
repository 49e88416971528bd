// The storefront sign-up endpoint through the real route and the library's app proxy check:
// a signed request is taken, a forged, unsigned or replayed one gets 401 before its body is read.
// Validation errors come back in the shopper's language; attempts are rate-limited per IP and
// per number in the database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signedProxyQuery } from "~/optin/app-proxy-signature";
import type * as RouteModule from "./apps.flock.subscribe";
import { handleSignup, type SignupDeps } from "~/optin/proxy-signup.server";
import { PER_ADDRESS, PER_IP } from "~/optin/rate-limit.server";
import { openWebhookTestEnv, type WebhookTestEnv } from "~/shopify/webhooks/test-support/webhook-env";

const SHOP = "proxy.myshopify.com";
const SECRET = "test-api-secret"; // tests/setup/env.ts
const T0 = new Date("2026-11-20T15:00:00Z");
const T0_S = T0.getTime() / 1000;
let env: WebhookTestEnv;
let route: typeof RouteModule;
let deps: SignupDeps;
let enqueued: string[];

const form = (fields: Record<string, string>) =>
  new URLSearchParams({
    consent_text: "Msg & data rates may apply. Reply STOP to opt out.",
    sms_consent: "on",
    source: "block",
    ...fields,
  }).toString();

function proxyRequest(query: URLSearchParams, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`https://flock.test/apps/flock/subscribe?${query.toString()}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.7", ...headers },
    body,
  });
}

async function call(request: Request): Promise<Response> {
  try {
    return await route.action({ request, params: {}, context: {} } as Parameters<typeof route.action>[0]);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  env = await openWebhookTestEnv();
  route = await import("./apps.flock.subscribe");
  await env.t.db.shop.create({ data: { shop: SHOP, name: "Paws & Whiskers" } });
  await env.t.db.optInSettings.create({ data: { shop: SHOP, enabled: true } });
  enqueued = [];
  deps = {
    db: env.t.db,
    enqueue: async (name) => {
      enqueued.push(name);
      return null;
    },
  };
});
afterAll(async () => env?.close());
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  await env.t.db.optInRateCount.deleteMany({});
  await env.t.db.optInRequest.deleteMany({});
  enqueued.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("app proxy signature", () => {
  it("a request Shopify signed just now is taken", async () => {
    const response = await call(proxyRequest(signedProxyQuery(SECRET, SHOP, T0_S), form({ phone: "(213) 555-0100", country: "US" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, message: "Almost done! Reply Y to the text we just sent to confirm." });
    expect(await env.t.db.optInRequest.findFirstOrThrow({})).toMatchObject({
      shop: SHOP,
      phone: "+12135550100",
      ip: "203.0.113.7",
      state: "PENDING",
    });
  });

  it.each([
    ["forged with another secret", () => signedProxyQuery("not-the-secret", SHOP, T0_S)],
    [
      "tampered after signing (another shop)",
      () => {
        const q = signedProxyQuery(SECRET, SHOP, T0_S);
        q.set("shop", "other.myshopify.com");
        return q;
      },
    ],
    [
      "unsigned",
      () => {
        const q = signedProxyQuery(SECRET, SHOP, T0_S);
        q.delete("signature");
        return q;
      },
    ],
    ["replayed 5 minutes later", () => signedProxyQuery(SECRET, SHOP, T0_S - 300)],
    ["signed in the future", () => signedProxyQuery(SECRET, SHOP, T0_S + 300)],
  ])("%s: 401 and nothing read or stored", async (_name, query) => {
    let bodyRead = false;
    const request = proxyRequest(query(), form({ phone: "2135550100", country: "US" }));
    const text = request.text.bind(request);
    request.text = async () => {
      bodyRead = true;
      return text();
    };
    const response = await call(request);
    expect(response.status).toBe(401);
    expect(bodyRead).toBe(false);
    expect(await env.t.db.optInRequest.count()).toBe(0);
  });

  it("a signed request for a shop without the app is refused", async () => {
    const response = await call(proxyRequest(signedProxyQuery(SECRET, "absent.myshopify.com", T0_S), form({ email: "a@example.com" })));
    expect(response.status).toBe(404);
  });
});

describe("the sign-up form's answers", () => {
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    handleSignup(deps, SHOP, proxyRequest(signedProxyQuery(SECRET, SHOP, T0_S), form(fields), headers), T0);

  it.each([
    ["en", "Enter a valid phone number for the selected country."],
    ["es", "Introduce un número de teléfono válido para el país seleccionado."],
  ])("an invalid number is explained in the shopper's language (%s), beside the phone field", async (locale, message) => {
    const response = await post({ phone: "555", country: "US", locale });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ ok: false, errors: [{ field: "phone", code: "phone_invalid", message }] });
  });

  it("the Accept-Language of the shopper's browser picks the language when the form sends none", async () => {
    const response = await post({ email: "nope" }, { "accept-language": "es-ES,es;q=0.9" });
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      "Introduce un correo electrónico válido, como nombre@ejemplo.com.",
    );
  });

  it(`at most ${PER_ADDRESS.limit} sign-ups per number per hour`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PER_ADDRESS.limit; i++)
      statuses.push((await post({ phone: "2135550100", country: "US" }, { "x-forwarded-for": `198.51.100.${i}` })).status);
    expect(statuses).toEqual([...Array<number>(PER_ADDRESS.limit).fill(200), 429]);
    expect(await env.t.db.optInRequest.count()).toBe(PER_ADDRESS.limit);
    expect(enqueued).toEqual(Array<string>(PER_ADDRESS.limit).fill("optin.start"));
    // Another number is not held back by the first.
    expect((await post({ phone: "2135550111", country: "US" }, { "x-forwarded-for": "198.51.100.99" })).status).toBe(200);
  });

  it(`at most ${PER_IP.limit} attempts per IP per ${PER_IP.windowMinutes} minutes, valid or not; the next window starts afresh`, async () => {
    for (let i = 0; i < PER_IP.limit; i++) expect((await post({ email: "bad" })).status).toBe(422);
    const limited = await post({ email: "ok@example.com" });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("rate_limited");
    const later = await handleSignup(
      deps,
      SHOP,
      proxyRequest(signedProxyQuery(SECRET, SHOP, T0_S), form({ email: "ok@example.com" })),
      new Date(T0.getTime() + PER_IP.windowMinutes * 60_000),
    );
    expect(later.status).toBe(200);
  });

  it("a form the merchant has not enabled is refused", async () => {
    await env.t.db.optInSettings.update({ where: { shop: SHOP }, data: { enabled: false } });
    const response = await post({ email: "ok@example.com" });
    await env.t.db.optInSettings.update({ where: { shop: SHOP }, data: { enabled: true } });
    expect(response.status).toBe(403);
    expect(await env.t.db.optInRequest.count()).toBe(0);
  });
});
