// PURE: the facts an explanation read, in words. The evaluators name facts after the query
// (`abandoned_checkouts.rows`, `last_order_date`) and give instants as ISO strings; merchants
// read "Abandoned checkouts: 0" and "Nov 20, 2026, 7:00 AM EST" in the shop's time zone.

export type FactValue = string | number | boolean | null | readonly string[];

/** What the rows of a MATCHES filter are called. */
const ROWS: Record<string, string> = {
  abandoned_checkouts: "abandoned checkouts",
  orders_placed: "orders",
  products_purchased: "purchases",
  collections_purchased: "purchases from collections",
  messages: "messages",
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function words(name: string): string {
  return name.replace(/[._]/g, " ");
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A fact's key as a label: `abandoned_checkouts.rows` → "All abandoned checkouts". */
export function factLabel(key: string): string {
  if (key === "member") return "On the list";
  const dot = key.indexOf(".");
  if (dot === -1) return capitalised(words(key));
  const filter = key.slice(0, dot);
  const part = key.slice(dot + 1);
  const rows = ROWS[filter] ?? words(filter);
  if (part === "rows") return `All ${rows}`;
  if (part === "matching_rows") return capitalised(`${rows} matching the conditions`);
  if (part === "matching") return capitalised(`matching ${rows}`);
  return capitalised(`${words(part)} of the matching ${rows}`);
}

/** A fact's value as text; instants in `timeZone` (the shop's), to the minute. */
export function factValue(value: FactValue, timeZone: string): string {
  if (value === null) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "string" && ISO_INSTANT.test(value)) {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    });
    // ICU versions differ on the space before AM/PM (U+202F or not): one plain space everywhere,
    // so the server's and the browser's renderings agree.
    return format.format(new Date(value)).replace(/\s/g, " ");
  }
  return String(value);
}
