/**
 * The shop's abandoned-checkout automation as the merchant sees it: created off with the default
 * sequence on first look, switched on and off (switching on stamps `enabledAt`: only checkouts
 * abandoned from then on start runs), the sequence saved only when valid, and its stats.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { CANCEL_REASONS } from "./sequence";
import { stepEngagement, type StepEngagement } from "./step-engagement.server";
import { AUTOMATION_KIND, DEFAULT_SEQUENCE, parseSequence, SequenceConfig } from "./steps";

export interface CheckoutAutomation {
  id: string;
  enabled: boolean;
  enabledAt: Date | null;
  config: SequenceConfig;
}

export async function loadCheckoutAutomation(root: Db, shop: string): Promise<CheckoutAutomation> {
  const db = forShop(root, shop);
  const select = { id: true, enabled: true, enabledAt: true, steps: true } as const;
  const row =
    (await db.automation.findFirst({ where: { kind: AUTOMATION_KIND }, select })) ??
    (await db.automation.upsert({
      where: { shop_kind: { shop, kind: AUTOMATION_KIND } },
      create: { shop, kind: AUTOMATION_KIND, enabled: false, steps: JSON.stringify(DEFAULT_SEQUENCE) },
      update: {},
      select,
    }));
  return { id: row.id, enabled: row.enabled, enabledAt: row.enabledAt, config: parseSequence(row.steps) };
}

export async function setCheckoutAutomationEnabled(root: Db, shop: string, enabled: boolean, now: Date): Promise<void> {
  await loadCheckoutAutomation(root, shop);
  await forShop(root, shop).automation.updateMany({
    where: { kind: AUTOMATION_KIND },
    data: enabled ? { enabled, enabledAt: now } : { enabled },
  });
}

export type SaveResult = { ok: true } | { ok: false; errors: string[] };

/** Saves the sequence when it is valid; otherwise nothing is written and each problem names its step and field. */
export async function saveCheckoutSequence(root: Db, shop: string, input: unknown): Promise<SaveResult> {
  const parsed = SequenceConfig.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join(".") || "sequence"}: ${i.message}`) };
  await loadCheckoutAutomation(root, shop);
  await forShop(root, shop).automation.updateMany({ where: { kind: AUTOMATION_KIND }, data: { steps: JSON.stringify(parsed.data) } });
  return { ok: true };
}

export interface StepStats extends StepEngagement {
  step: number;
  enqueued: number;
  sent: number;
  skipped: number;
}

export interface AutomationStats {
  runs: number;
  active: number;
  finished: number;
  cancelled: Record<string, number>;
  /** Runs ended by a purchase or a completed checkout. */
  recovered: number;
  /** The shop's currency, which step revenue is in. */
  currency: string;
  steps: StepStats[];
  recent: { token: string; status: string; cancelReason: string | null; startedAt: Date; log: string }[];
}

const SENT = new Set(["SENT", "DELIVERED"]);

export async function checkoutAutomationStats(root: Db, shop: string, stepCount: number): Promise<AutomationStats> {
  const db = forShop(root, shop);
  const byStatus = await db.automationRun.groupBy({ by: ["status", "cancelReason"], _count: { _all: true } });
  const count = (status: string) => byStatus.filter((g) => g.status === status).reduce((n, g) => n + g._count._all, 0);
  const cancelled: Record<string, number> = {};
  for (const reason of CANCEL_REASONS) {
    const n = byStatus.filter((g) => g.status === "cancelled" && g.cancelReason === reason).reduce((s, g) => s + g._count._all, 0);
    if (n > 0) cancelled[reason] = n;
  }
  const currency = (await root.shop.findUnique({ where: { shop }, select: { currency: true } }))?.currency ?? "USD";
  const steps: StepStats[] = [];
  for (let step = 0; step < stepCount; step++) {
    const groups = await db.outboxMessage.groupBy({
      by: ["status"],
      where: { idempotencyKey: { startsWith: "checkout:", endsWith: `:${step}` } },
      _count: { _all: true },
    });
    const of = (pick: (status: string) => boolean) => groups.filter((g) => pick(g.status)).reduce((n, g) => n + g._count._all, 0);
    steps.push({
      step,
      enqueued: of(() => true),
      sent: of((s) => SENT.has(s)),
      skipped: of((s) => s === "SKIPPED"),
      ...(await stepEngagement(root, shop, step, currency)),
    });
  }
  const recent = await db.automationRun.findMany({
    orderBy: { startedAt: "desc" },
    take: 10,
    select: { checkoutToken: true, status: true, cancelReason: true, startedAt: true, stepLog: true },
  });
  return {
    runs: byStatus.reduce((n, g) => n + g._count._all, 0),
    active: count("active"),
    finished: count("finished"),
    cancelled,
    recovered: (cancelled.purchased ?? 0) + (cancelled.checkout_completed ?? 0),
    currency,
    steps,
    recent: recent.map((r) => ({
      token: r.checkoutToken,
      status: r.status,
      cancelReason: r.cancelReason,
      startedAt: r.startedAt,
      log: r.stepLog,
    })),
  };
}
