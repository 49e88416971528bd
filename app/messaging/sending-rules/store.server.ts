/**
 * A shop's sending rules in the `SendingRules` row: no row means the defaults. A stored value
 * that no longer parses is reported (the page says so, the dispatcher refuses to guess), never
 * silently replaced by the defaults. A save writes the whole row in one statement.
 */
import type { Db } from "~/db/db.server";
import { FrequencyCapSettings } from "../rules/frequency-cap";
import { parseSendingRulesFields, type FieldErrors } from "./form";
import { ATTRIBUTION_MAX_HOURS, ATTRIBUTION_MIN_HOURS, defaultSendingRules, StoredQuietHours, type SendingRules } from "./rules";

export interface StoredSendingRules {
  rules: SendingRules;
  /** False when the shop has no row yet (the defaults). */
  stored: boolean;
  /** What could not be read, naming the column and the field; `rules` then holds the defaults for that part. */
  corrupt: string | null;
}

export class CorruptSendingRulesError extends Error {
  constructor(
    readonly shop: string,
    readonly problem: string,
  ) {
    super(`Sending rules of ${shop} cannot be read: ${problem}`);
    this.name = "CorruptSendingRulesError";
  }
}

type Parser<T> = {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

function readJson<T>(column: string, text: string | null, schema: Parser<T>, fallback: T, problems: string[]): T {
  if (text === null) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push(`${column} is not JSON (${(error as Error).message})`);
    return fallback;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(...parsed.error.issues.map((issue) => `${[column, ...issue.path.map(String)].join(".")}: ${issue.message}`));
  return fallback;
}

function readHours(column: string, value: number, fallback: number, problems: string[]): number {
  if (Number.isInteger(value) && value >= ATTRIBUTION_MIN_HOURS && value <= ATTRIBUTION_MAX_HOURS) return value;
  problems.push(`${column}: ${value} is outside ${ATTRIBUTION_MIN_HOURS}–${ATTRIBUTION_MAX_HOURS} hours`);
  return fallback;
}

/** The shop's rules, the defaults where nothing is stored, and what could not be read. */
export async function readSendingRules(db: Db, shop: string): Promise<StoredSendingRules> {
  const defaults = defaultSendingRules();
  const row = await db.sendingRules.findUnique({
    where: { shop },
    select: { quietHours: true, frequencyCap: true, attributionClickHours: true, attributionDeliveryHours: true },
  });
  if (!row) return { rules: defaults, stored: false, corrupt: null };
  const problems: string[] = [];
  const rules: SendingRules = {
    quietHours: readJson("quietHours", row.quietHours, StoredQuietHours, defaults.quietHours, problems),
    frequencyCap: readJson("frequencyCap", row.frequencyCap, FrequencyCapSettings, defaults.frequencyCap, problems),
    attribution: {
      clickHours: readHours("attributionClickHours", row.attributionClickHours, defaults.attribution.clickHours, problems),
      deliveryHours: readHours("attributionDeliveryHours", row.attributionDeliveryHours, defaults.attribution.deliveryHours, problems),
    },
  };
  return { rules, stored: true, corrupt: problems.length > 0 ? problems.join("; ") : null };
}

/** For sending: the shop's rules, or a {@link CorruptSendingRulesError} (the job fails and is retried) rather than a guess. */
export async function loadSendingRules(db: Db, shop: string): Promise<SendingRules> {
  const { rules, corrupt } = await readSendingRules(db, shop);
  if (corrupt !== null) throw new CorruptSendingRulesError(shop, corrupt);
  return rules;
}

export type SaveSendingRulesResult = { ok: true; rules: SendingRules } | { ok: false; errors: FieldErrors };

/** Writes the rules as one row. */
export async function writeSendingRules(db: Db, shop: string, rules: SendingRules): Promise<void> {
  const data = {
    quietHours: JSON.stringify(rules.quietHours),
    frequencyCap: JSON.stringify(rules.frequencyCap),
    attributionClickHours: rules.attribution.clickHours,
    attributionDeliveryHours: rules.attribution.deliveryHours,
  };
  await db.sendingRules.upsert({ where: { shop }, create: { shop, ...data }, update: data, select: { shop: true } });
}

/** The form's fields checked (errors per field, nothing written) and, when valid, saved. */
export async function saveSendingRules(db: Db, shop: string, fields: Record<string, string>): Promise<SaveSendingRulesResult> {
  const parsed = parseSendingRulesFields(fields);
  if (!parsed.ok) return parsed;
  await writeSendingRules(db, shop, parsed.rules);
  return { ok: true, rules: parsed.rules };
}
