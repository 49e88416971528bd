/**
 * What a preview reports (PURE): per-recipient decisions and rendered texts folded into counts,
 * the SMS diagnostics and cost, and how long sending takes at the shop's rate.
 */
import type { DispatchDecision } from "~/messaging/rules/decide-dispatch";
import type { SmsAnalysis } from "~/messaging/sms/encoding";

export interface SmsSummary {
  /** The first sendable recipient's text, as it will be sent. */
  sample: string;
  encoding: SmsAnalysis["encoding"];
  /** Segments of the sample, and the most any recipient's text needs. */
  segments: number;
  maxSegments: number;
  totalSegments: number;
  /** Characters that force UCS-2, with the suggested replacement. */
  ucs2Characters: SmsAnalysis["ucs2Characters"];
  costMicros: number;
  currency: string;
  /** Recipients whose country has no known price (not in the total). */
  unpriced: number;
}

export interface PreviewCounts {
  audience: number;
  holdout: number;
  noAddress: number;
  sendNow: number;
  wait: number;
  /** The latest time a waiting message is due (ISO), or null. */
  waitUntil: string | null;
  skipped: Record<string, number>;
}

export function emptyCounts(): PreviewCounts {
  return { audience: 0, holdout: 0, noAddress: 0, sendNow: 0, wait: 0, waitUntil: null, skipped: {} };
}

/** Adds one recipient's decision. */
export function countDecision(counts: PreviewCounts, decision: DispatchDecision): void {
  if (decision.action === "send_now") counts.sendNow += 1;
  else if (decision.action === "wait_until") {
    counts.wait += 1;
    if (counts.waitUntil === null || decision.at.toISOString() > counts.waitUntil) counts.waitUntil = decision.at.toISOString();
  } else counts.skipped[decision.reason] = (counts.skipped[decision.reason] ?? 0) + 1;
}

export function addSms(
  summary: SmsSummary | null,
  body: string,
  analysis: SmsAnalysis,
  cost: { costMicros: number | null; currency: string | null },
): SmsSummary {
  const next: SmsSummary = summary ?? {
    sample: body,
    encoding: analysis.encoding,
    segments: analysis.segments,
    maxSegments: 0,
    totalSegments: 0,
    ucs2Characters: analysis.ucs2Characters,
    costMicros: 0,
    currency: cost.currency ?? "USD",
    unpriced: 0,
  };
  next.maxSegments = Math.max(next.maxSegments, analysis.segments);
  next.totalSegments += analysis.segments;
  if (cost.costMicros === null) next.unpriced += 1;
  else next.costMicros += cost.costMicros;
  return next;
}

export interface Pace {
  perSecond: number;
  seconds: number;
  startsAt: string;
  endsAt: string;
}

/** Sending `messages` texts at `perSecond` from `startsAt`; emails go in requests of 1,000. */
export function paceOf(messages: number, channel: "SMS" | "EMAIL", smsPerSecond: number, startsAt: Date): Pace {
  const perSecond = channel === "SMS" ? Math.max(1, smsPerSecond) : 1_000;
  const seconds = Math.ceil(messages / perSecond);
  return { perSecond, seconds, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + seconds * 1000).toISOString() };
}

/** "2 h 5 min", "45 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
