// Shopify ids are 64-bit; a JS number holds 53 bits exactly. Webhook payloads carry numeric
// ids (`"id": 706405506930370084`) which `JSON.parse` would round, so ids are kept as their
// decimal digits end to end. https://shopify.dev/docs/api/usage/gids

/** Resource types whose GIDs Flock builds from webhook ids. */
export type GidResource =
  | "Customer"
  | "Order"
  | "LineItem"
  | "Product"
  | "ProductVariant"
  | "Collection"
  | "AbandonedCheckout"
  | "Checkout"
  | "Shop"
  | "App"
  | "Location";

const DIGITS = /^[0-9]+$/;

/** `gid://shopify/<resource>/<id>` from a numeric id given as digits (or a safe integer). */
export function toGid(resource: GidResource, id: string | number | bigint): string {
  const digits = typeof id === "string" ? id : typeof id === "bigint" ? id.toString() : safeIntegerDigits(id);
  if (!DIGITS.test(digits)) throw new Error(`Not a numeric ${resource} id: ${digits}`);
  return `gid://shopify/${resource}/${digits}`;
}

function safeIntegerDigits(id: number): string {
  // A number above 2^53 has already lost digits somewhere upstream: refuse rather than guess.
  if (!Number.isSafeInteger(id) || id < 0) throw new Error(`Id ${id} is not exact as a JS number; parse the payload with parseShopifyJson`);
  return String(id);
}

/** The trailing numeric part of a GID (`gid://shopify/Order/123?x=1` → "123"). */
export function gidNumber(gid: string): string {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/([0-9]+)/.exec(gid);
  if (!match?.[1]) throw new Error(`Not a Shopify GID: ${gid}`);
  return match[1];
}

/**
 * `JSON.parse` for webhook bodies that keeps every integer literal longer than 15 digits as a
 * string, so 64-bit ids survive. Node 20's `JSON.parse` reviver cannot see source text (that
 * arrived in V8 11.4 / Node 21), hence this pre-pass that quotes such literals outside strings.
 */
export function parseShopifyJson(text: string): unknown {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if ((ch >= 48 && ch <= 57) || ch === 45 /* - */) {
      let j = i + 1;
      while (j < text.length && isNumberChar(text.charCodeAt(j))) j++;
      const literal = text.slice(i, j);
      if (/^-?[0-9]{16,}$/.test(literal)) {
        out += `${text.slice(last, i)}"${literal}"`;
        last = j;
      }
      i = j - 1;
    }
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}

function isNumberChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || ch === 46 || ch === 101 || ch === 69 || ch === 43 || ch === 45;
}
