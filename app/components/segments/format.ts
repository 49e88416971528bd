/** Display helpers shared by the segment pages (pure: the server and the browser agree). */
const numberFormat = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "12.5 %" of all customers; one decimal, since small segments matter in big shops. */
export function formatShare(count: number, total: number): string {
  if (total === 0) return "0 %";
  return `${(Math.round((count / total) * 1000) / 10).toString()} %`;
}

/** ISO day, not the browser's locale: server and client render the same text (no hydration mismatch). */
export function formatDay(value: Date | string | null): string {
  return value === null ? "—" : new Date(value).toISOString().slice(0, 10);
}
