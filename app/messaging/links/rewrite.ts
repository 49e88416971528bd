// PURE: a message's links replaced by tracked short links (`<appUrl>/l/<code>`), each with the
// destination it redirects to: the merchant's URL plus Flock's UTM parameters. The same URL twice
// in a message (or in an email's HTML and its text part) is one link with one code.
//
// Never rewritten: non-http(s) URLs, links on the app itself (the unsubscribe link, a link
// already shortened), anything with an unrendered `{{ … }}`, and URLs that do not parse.
import { CODE_LENGTH, shortLinkUrl } from "./code";
import { hasTemplateLeftover, replaceAnchorHrefs, replaceTextUrls } from "./find-links";

export type LinkChannel = "sms" | "email";

export interface LinkContext {
  /** The app's public URL: short links go there, and links already on it are left alone. */
  appUrl: string;
  channel: LinkChannel;
  /** `utm_campaign`: the campaign id, or the source (see `utmCampaign`). */
  campaign: string;
  /** The code of the message's link number `index` (0-based, in order of first appearance). */
  codeFor: (index: number) => string;
}

export interface TrackedLink {
  index: number;
  code: string;
  /** The URL as it was in the message. */
  original: string;
  /** Where the short link redirects: the original with the UTM parameters it lacked. */
  destination: string;
}

export interface RewrittenEmail {
  html?: string;
  text: string;
  links: TrackedLink[];
}

const UTM_SOURCE = "flock";

/** utm_campaign for a message: its campaign id, else its source from the outbox key's prefix. */
export function utmCampaign(campaignId: string | null | undefined, idempotencyKey: string): string {
  if (campaignId) return campaignId;
  const prefix = idempotencyKey.split(":")[0] ?? "";
  return prefix === "checkout" ? "abandoned-checkout" : prefix || UTM_SOURCE;
}

/**
 * Adds utm_source, utm_medium and utm_campaign where the URL does not already have them (in any
 * letter case): a merchant's own UTM parameters win. The rest of the URL is kept byte for byte.
 */
export function withUtm(url: string, medium: LinkChannel, campaign: string): string {
  const present = new Set([...new URL(url).searchParams.keys()].map((k) => k.toLowerCase()));
  const add = (
    [
      ["utm_source", UTM_SOURCE],
      ["utm_medium", medium],
      ["utm_campaign", campaign],
    ] as const
  ).filter(([k]) => !present.has(k));
  if (add.length === 0) return url;
  const hashAt = url.indexOf("#");
  const head = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : url.slice(hashAt);
  const separator = !head.includes("?") ? "?" : /[?&]$/.test(head) ? "" : "&";
  return `${head}${separator}${add.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}${hash}`;
}

// A campaign's every message has the same links with the same UTM: `withUtm` (a URL parse) once
// per link and campaign instead of once per recipient. Bounded: cleared past 1,000 entries.
const destinations = new Map<string, string>();

function destinationOf(url: string, medium: LinkChannel, campaign: string): string {
  const key = `${medium}\n${campaign}\n${url}`;
  let destination = destinations.get(key);
  if (destination === undefined) {
    destination = withUtm(url, medium, campaign);
    if (destinations.size >= 1_000) destinations.clear();
    destinations.set(key, destination);
  }
  return destination;
}

function base(appUrl: string): string {
  return appUrl.replace(/\/+$/, "").toLowerCase();
}

/** Whether a URL found in a message becomes a short link. */
export function isTrackable(url: string, appUrl: string): boolean {
  if (!/^https?:\/\//i.test(url) || hasTemplateLeftover(url)) return false;
  const own = base(appUrl);
  const lower = url.toLowerCase();
  if (lower === own || lower.startsWith(`${own}/`) || lower.startsWith(`${own}?`)) return false;
  try {
    return new URL(url).hostname !== "";
  } catch {
    return false;
  }
}

/** The links of one message, shared by its parts. */
class LinkTable {
  readonly links: TrackedLink[] = [];
  private readonly byUrl = new Map<string, TrackedLink>();

  constructor(private readonly context: LinkContext) {}

  shorten = (url: string): string | null => {
    if (!isTrackable(url, this.context.appUrl)) return null;
    let link = this.byUrl.get(url);
    if (!link) {
      const index = this.links.length;
      link = {
        index,
        code: this.context.codeFor(index),
        original: url,
        destination: destinationOf(url, this.context.channel, this.context.campaign),
      };
      this.links.push(link);
      this.byUrl.set(url, link);
    }
    return shortLinkUrl(this.context.appUrl, link.code);
  };
}

/** An SMS (or any plain text) with its links shortened. */
export function rewriteText(text: string, context: LinkContext): { text: string; links: TrackedLink[] } {
  const table = new LinkTable(context);
  return { text: replaceTextUrls(text, table.shorten), links: table.links };
}

/** An email's HTML anchors and its plain-text part, one code per distinct URL across both. */
export function rewriteEmail(email: { html?: string; text: string }, context: LinkContext): RewrittenEmail {
  const table = new LinkTable(context);
  const html = email.html === undefined ? undefined : replaceAnchorHrefs(email.html, table.shorten);
  const text = replaceTextUrls(email.text, table.shorten);
  return { ...(html === undefined ? {} : { html }), text, links: table.links };
}

/**
 * The text as it will read once its links are shortened, with a stand-in code: what SMS
 * composition and previews should measure (encoding, segments, cost) before codes exist.
 */
export function withShortLinkPlaceholders(text: string, appUrl: string): string {
  return rewriteText(text, { appUrl, channel: "sms", campaign: "preview", codeFor: () => "x".repeat(CODE_LENGTH) }).text;
}
