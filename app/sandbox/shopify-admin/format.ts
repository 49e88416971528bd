// Scalars as Shopify serialises them. Pure.

/** DateTime: ISO 8601 in UTC to the second, e.g. "2026-01-01T00:00:00Z". */
export function isoSeconds(date: Date | null): string | null {
  return date ? isoFromMs(date.getTime()) : null;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// Three times faster than toISOString().slice(): bulk exports format tens of millions of dates.
// Civil-from-days after Howard Hinnant (https://howardhinnant.github.io/date_algorithms.html).
function isoFromMs(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86_400);
  let rem = s - days * 86_400;
  const hh = Math.floor(rem / 3600);
  rem -= hh * 3600;
  const mi = Math.floor(rem / 60);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mi)}:${pad2(rem - mi * 60)}Z`;
}

/** Milliseconds truncated to the second, what filters and sort keys compare (Shopify keeps seconds). */
export function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * Decimal from minor units, exact (no float arithmetic), spelled like Shopify's `Decimal`: "12.99",
 * "12.5", "12.0" — trailing zeros dropped but one decimal kept. Clients must parse any scale.
 */
export function decimal(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(Math.round(minor))).padStart(3, "0");
  const cents = abs.slice(-2).replace(/0$/, "") || "0";
  return `${sign}${abs.slice(0, -2)}.${cents}`;
}

export function money(minor: number, currencyCode: string) {
  return { amount: decimal(minor), currencyCode };
}

/** MoneyBag: the stand-in's shops sell in their own currency, so shop and presentment agree. */
export function moneyBag(minor: number, currencyCode: string) {
  const m = money(minor, currencyCode);
  return { shopMoney: m, presentmentMoney: m };
}

/** UnsignedInt64 is serialised as a string of base-10 digits. */
export function uint64(n: number | bigint): string {
  return String(n);
}

/** The numeric tail of a GID, for `legacyResourceId` (kept as a string). */
export function legacyId(gid: string): string {
  return /(\d+)(?:\?.*)?$/.exec(gid)?.[1] ?? "0";
}
