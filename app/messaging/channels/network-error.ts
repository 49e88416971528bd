// A request that failed without an HTTP answer: did it leave? Connection refused or a name that
// does not resolve means the provider never saw it (safe to retry); a reset, a hang-up or a
// timeout after sending means it may have taken effect (unknown, reconcile first).
import { retryable, unknown, type SendResult } from "../channel";

const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function isNetworkError(error: unknown): error is Error & { code?: string } {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === "string" && /^E[A-Z_]+$/.test(code)) || /socket hang up|timeout/i.test(error.message);
}

export function networkFailure(error: Error & { code?: string }): SendResult {
  const code = error.code ?? "";
  if (NEVER_SENT.has(code)) return retryable(`connection failed before sending (${code})`);
  return unknown(`no answer after the request was sent (${code || error.message})`);
}
