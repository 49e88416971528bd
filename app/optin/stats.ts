// Sign-ups per day and the confirmation rate, from the shop's recent OptInRequest rows. PURE.
// A day is a calendar day in the shop's time zone. The rate counts SMS sign-ups whose outcome is
// known: confirmed, declined (STOP before confirming), expired, or pending for 24 hours (an
// unanswered request).
import { CONFIRM_WINDOW_MS, type OptInState } from "./state";

export interface SignupRow {
  createdAt: Date;
  state: OptInState;
  phone: string | null;
}

export interface SignupStats {
  days: { day: string; signups: number; confirmed: number }[];
  smsDecided: number;
  smsConfirmed: number;
  /** SMS sign-ups the number refused with STOP before confirming. */
  smsDeclined: number;
  /** Confirmed ÷ decided, 0–1; null before any SMS sign-up is decided. */
  confirmationRate: number | null;
}

export const STATS_DAYS = 14;

function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export function summarizeSignups(rows: readonly SignupRow[], now: Date, timeZone: string): SignupStats {
  const days = new Map<string, { signups: number; confirmed: number }>();
  for (let i = STATS_DAYS - 1; i >= 0; i--)
    days.set(dayIn(timeZone, new Date(now.getTime() - i * 86_400_000)), { signups: 0, confirmed: 0 });
  let smsDecided = 0;
  let smsConfirmed = 0;
  let smsDeclined = 0;
  for (const row of rows) {
    const bucket = days.get(dayIn(timeZone, row.createdAt));
    if (bucket) {
      bucket.signups += 1;
      if (row.state === "CONFIRMED") bucket.confirmed += 1;
    }
    if (!row.phone) continue;
    const decided = row.state !== "PENDING" || now.getTime() - row.createdAt.getTime() >= CONFIRM_WINDOW_MS;
    if (!decided) continue;
    smsDecided += 1;
    if (row.state === "CONFIRMED") smsConfirmed += 1;
    if (row.state === "DECLINED") smsDeclined += 1;
  }
  return {
    days: [...days.entries()].map(([day, counts]) => ({ day, ...counts })),
    smsDecided,
    smsConfirmed,
    smsDeclined,
    confirmationRate: smsDecided === 0 ? null : smsConfirmed / smsDecided,
  };
}
