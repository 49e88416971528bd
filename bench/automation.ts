// `npm run bench -- automation [--recipients N]`: the abandoned-checkout tick on SQLite.
// N (default 100,000) checkouts of N subscribed customers are left over 10 minutes of simulated
// time; ticks every 30 simulated seconds start their runs and hand their first texts to the outbox:
// `runs_per_s` = runs started / wall time spent in those ticks (goal ≥ 2,000). Then the 12-hour
// step of the first 10 % (at N = 100,000: 10,000 runs) falls due within one minute; simulated time
// follows the wall clock and ticks run back to back: `step_lateness_p99_ms` = for each step, the
// end of the tick that handed it to the outbox minus its due time (goal ≤ 2,000). This is the
// tick's own cost: the automations.tick job pulls its next run forward to the next due step
// (pullTickForward), as these back-to-back ticks assume, and as in the job, a tick within 30 s of
// the last full one (start runs, check every active run) only checks and moves the due runs
// (isFullTick). Discount codes go to a fake issuer.
import { performance } from "node:perf_hooks";
import { connectDb } from "~/db/db.server";
import { FakeDiscountIssuer } from "~/automations/abandoned-cart/discount-port";
import { AUTOMATION_KIND, DEFAULT_SEQUENCE } from "~/automations/abandoned-cart/steps";
import { DEFAULT_TICK_SECONDS, isFullTick, runTick } from "~/automations/abandoned-cart/tick.server";
import { createScratchDb } from "../scripts/lib/migrations";
import type { Bench, BenchResult } from "./types";

const T0 = new Date("2026-12-07T15:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;

export const benchAutomation: Bench = async (options) => {
  const n = options.recipients ?? 100_000;
  const scratch = await createScratchDb("sqlite", "autobench");
  const db = connectDb(scratch.url);
  try {
    const shop = "bench-cart.myshopify.com";
    await db.shop.create({ data: { shop, name: "Bench", ianaTimezone: "America/New_York" } });
    await db.automation.create({
      data: {
        shop,
        kind: AUTOMATION_KIND,
        enabled: true,
        enabledAt: new Date(T0.getTime() - HOUR),
        steps: JSON.stringify(DEFAULT_SEQUENCE),
      },
    });
    for (let i = 0; i < n; i += 500) {
      await db.customer.createMany({
        data: Array.from({ length: Math.min(500, n - i) }, (_, j) => ({
          shop,
          gid: `gid://shopify/Customer/${i + j + 1}`,
          phone: `+1212${String(i + j).padStart(7, "0")}`,
          email: `c${i + j}@example.com`,
          firstName: "Sam",
          countryCode: "US",
          provinceCode: "NY",
          smsMarketingState: "SUBSCRIBED" as const,
          emailMarketingState: "SUBSCRIBED" as const,
          shopifyCreatedAt: T0,
          shopifyUpdatedAt: T0,
        })),
      });
    }
    const ids = await db.customer.findMany({ where: { shop }, select: { id: true, gid: true }, orderBy: { id: "asc" } });
    for (let i = 0; i < n; i += 500) {
      await db.abandonedCheckout.createMany({
        data: ids.slice(i, i + 500).map((c, j) => {
          const at = new Date(T0.getTime() + Math.floor(((i + j) * 10 * MIN) / n));
          return {
            shop,
            token: `t${i + j}`,
            customerId: c.id,
            customerGid: c.gid,
            email: `c${i + j}@example.com`,
            phone: `+1212${String(i + j).padStart(7, "0")}`,
            recoveryUrl: `https://${shop}/checkouts/t${i + j}/recover?key=k`,
            currency: "USD",
            totalPrice: 4200n,
            shopifyCreatedAt: at,
            shopifyUpdatedAt: at,
          };
        }),
      });
    }
    const deps = {
      db,
      discounts: new FakeDiscountIssuer(),
      appUrl: "https://flock.bench",
      key: Buffer.alloc(32, 3),
      queue: { enqueue: async () => "job" },
    };

    let started = 0;
    let wallMs = 0;
    for (let t = T0.getTime() + HOUR; t <= T0.getTime() + HOUR + 11 * MIN; t += 30_000) {
      const begin = performance.now();
      started += (await runTick(deps, new Date(t))).started;
      wallMs += performance.now() - begin;
    }

    // The 12 h step of the first tenth falls due in [T0 + 12 h, T0 + 12 h + 1 min).
    const lateness: number[] = [];
    const dueOf = (i: number) => T0.getTime() + 12 * HOUR + Math.floor((i * 10 * MIN) / n);
    const dueCount = Math.floor(n / 10);
    const simStart = T0.getTime() + 12 * HOUR;
    const wallStart = performance.now();
    const simNow = () => simStart + (performance.now() - wallStart);
    let handed = 0;
    let lastFullAt: number | undefined;
    while (handed < dueCount) {
      const now = simNow();
      const full = isFullTick(new Date(now), lastFullAt, DEFAULT_TICK_SECONDS * 1000);
      if (full) lastFullAt = now;
      await runTick(deps, new Date(now), { full });
      const end = simNow();
      const rows = await db.outboxMessage.findMany({
        where: { shop, createdAt: new Date(now), idempotencyKey: { endsWith: ":1" } },
        select: { idempotencyKey: true },
      });
      for (const row of rows) {
        const i = Number(row.idempotencyKey.split(":")[1]?.slice(1));
        if (i < dueCount) lateness.push(end - dueOf(i));
      }
      handed += rows.length;
      if (simNow() > simStart + 10 * MIN) break;
    }
    lateness.sort((a, b) => a - b);
    const p99 = lateness[Math.min(lateness.length - 1, Math.floor(lateness.length * 0.99))] ?? NaN;
    const results: BenchResult[] = [
      { bench: "automation", metric: "runs_per_s", value: Math.round(started / (wallMs / 1000)), unit: "runs/s" },
      { bench: "automation", metric: "runs_started", value: started, unit: "runs" },
      { bench: "automation", metric: "step_lateness_p99_ms", value: Math.round(Math.max(0, p99)), unit: "ms" },
      { bench: "automation", metric: "steps_due_in_minute", value: lateness.length, unit: "steps" },
    ];
    return results;
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
};
