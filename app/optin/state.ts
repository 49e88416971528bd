// The double opt-in state machine for one SMS sign-up. PURE: no database, no clock of its own.
// A sign-up starts PENDING; only a Y/YES from the phone that signed up, within 24 hours, confirms
// it. A STOP first declines it for good; 24 hours without a confirmation expires it. A late YES
// changes nothing: the shopper has to sign up again (carriers want consent that is fresh).
export type OptInState = "PENDING" | "CONFIRMED" | "EXPIRED" | "DECLINED";

export const CONFIRM_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface OptInFacts {
  state: OptInState;
  /** E.164 number the sign-up named. */
  phone: string;
  createdAt: Date;
}

export type OptInEvent =
  /** An inbound SMS the keyword rules read as a confirmation (Y, YES). */
  | { type: "confirm_reply"; from: string }
  /** A STOP (or one of its variants) from this number, or the number found on the suppression list. */
  | { type: "stop"; from: string }
  /** Any other inbound text from this number. */
  | { type: "other_reply"; from: string }
  /** Nothing happened; is the request still open? */
  | { type: "tick" };

export interface OptInTransition {
  state: OptInState;
  /** True exactly once: the transition that makes the phone SMS-subscribed. */
  subscribe: boolean;
}

const stay = (state: OptInState): OptInTransition => ({ state, subscribe: false });

export function isExpired(facts: Pick<OptInFacts, "createdAt">, now: Date): boolean {
  return now.getTime() - facts.createdAt.getTime() >= CONFIRM_WINDOW_MS;
}

/** Where one event takes a sign-up at `now`. Closed states never move again. */
export function nextOptInState(facts: OptInFacts, event: OptInEvent, now: Date): OptInTransition {
  if (facts.state !== "PENDING") return stay(facts.state);
  // Only the number that signed up can answer for it.
  if (event.type !== "tick" && event.from !== facts.phone) return isExpired(facts, now) ? stay("EXPIRED") : stay("PENDING");
  if (event.type === "stop") return stay("DECLINED");
  if (isExpired(facts, now)) return stay("EXPIRED");
  if (event.type === "confirm_reply") return { state: "CONFIRMED", subscribe: true };
  return stay("PENDING");
}

/** What pressing Confirm on an email sign-up's link does; expiry is counted from the sign-up. */
export type EmailConfirmDecision = "confirm" | "already_confirmed" | "expired" | "not_pending";

/** PURE: a pending email is confirmed once, and only within `ttlMs` of the sign-up. */
export function emailConfirmDecision(emailState: OptInState | null, createdAt: Date, now: Date, ttlMs: number): EmailConfirmDecision {
  if (emailState === "CONFIRMED") return "already_confirmed";
  if (emailState !== "PENDING") return "not_pending";
  return now.getTime() - createdAt.getTime() >= ttlMs ? "expired" : "confirm";
}
