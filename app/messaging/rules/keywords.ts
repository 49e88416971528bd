/**
 * Inbound SMS keywords: what a reply asks for, then what it does to the number's consent.
 *
 * Opt-out follows the FCC's 2024 order (effective April 2025, 47 CFR 64.1200(a)(10)): STOP,
 * QUIT, END, REVOKE, OPT OUT, CANCEL and UNSUBSCRIBE revoke consent, and so do other reasonable
 * plain-language requests. Carriers' own keyword handling (Twilio's default) only matches a
 * message that is exactly one keyword, so this classifier is wider:
 * - a message made only of opt-out words and filler ("Stop please", "stop.", "please STOP
 *   texting me", "STOP ALL") opts out;
 * - UNSUBSCRIBE, REVOKE, OPT OUT, OPTOUT, STOPALL and phrases such as "remove me", "take me off
 *   your list", "don't text me" opt out wherever they appear: they have no other everyday sense;
 * - STOP, END, QUIT and CANCEL inside a longer sentence that is about something else ("when does
 *   the sale end?", "cancel my order") do not: those are questions for a person, not revocations;
 * - an opt-out word right after a negation ("Don't stop sending me deals", "never unsubscribe
 *   me") does not opt out. Decided: the sender plainly asks to keep receiving, and acting on it
 *   would silence someone who asked for the opposite.
 * START and UNSTOP undo an earlier STOP only; Y/YES confirms a pending double opt-in only;
 * HELP/INFO get the shop's help text unless the provider already answered it.
 */
import type { MarketingState } from "./consent";

export type InboundIntent = "opt_out" | "opt_in" | "confirm" | "help" | "none";

const ANYWHERE = [
  "UNSUBSCRIBE",
  "REVOKE",
  "OPTOUT",
  "STOPALL",
  "OPT OUT",
  "REMOVE ME",
  "TAKE ME OFF",
  "DONT TEXT",
  "DO NOT TEXT",
  "DONT MESSAGE",
  "DO NOT MESSAGE",
  "DONT CONTACT",
  "DO NOT CONTACT",
  "LEAVE ME ALONE",
  "NO MORE TEXTS",
  "NO MORE MESSAGES",
];
const ALONE = new Set(["STOP", "END", "QUIT", "CANCEL", "ALL"]);
/** Words that can surround an opt-out keyword without changing what it asks. */
const FILLER = new Set([
  "PLEASE",
  "PLS",
  "PLZ",
  "THANKS",
  "THANK",
  "YOU",
  "THX",
  "NOW",
  "ME",
  "IT",
  "THIS",
  "THESE",
  "THAT",
  "THEM",
  "ALL",
  "THE",
  "AND",
  "OK",
  "OKAY",
  "JUST",
  "SO",
  "MUCH",
  "TEXTING",
  "TEXTS",
  "TEXT",
  "MESSAGING",
  "MESSAGES",
  "MESSAGE",
  "SENDING",
  "SMS",
  "CONTACTING",
  "CALLING",
  "SPAM",
  "SPAMMING",
  "I",
  "WANT",
  "TO",
  "ID",
  "LIKE",
  "YES",
  "MY",
  "NUMBER",
  "FROM",
  "YOUR",
  "LIST",
  "ANY",
  "MORE",
]);
const NEGATIONS = new Set(["DONT", "DO NOT", "NEVER", "CANT", "CAN NOT", "CANNOT", "WONT", "WILL NOT", "NOT", "NO NEED TO"]);
const OPT_IN = new Set(["START", "UNSTOP"]);
const CONFIRM = new Set(["Y", "YES", "YES PLEASE", "YEP", "YEAH"]);
const HELP = new Set(["HELP", "INFO"]);

/** Upper case, apostrophes dropped ("don't" → "DONT"), other punctuation to spaces, collapsed. */
function normalise(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((token) => token.length > 0);
}

function negatedAt(tokens: readonly string[], index: number): boolean {
  const one = tokens[index - 1];
  const two = tokens.slice(Math.max(0, index - 2), index).join(" ");
  const three = tokens.slice(Math.max(0, index - 3), index).join(" ");
  return (one !== undefined && NEGATIONS.has(one)) || NEGATIONS.has(two) || NEGATIONS.has(three);
}

function phraseIndexes(tokens: readonly string[], phrase: string): number[] {
  const words = phrase.split(" ");
  const found: number[] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((word, j) => tokens[i + j] === word)) found.push(i);
  }
  return found;
}

function isOptOut(tokens: readonly string[]): boolean {
  for (const phrase of ANYWHERE) {
    // A phrase that itself starts with a negation ("DONT TEXT") is the request, not a negated one.
    const selfNegated = phrase.startsWith("DONT") || phrase.startsWith("DO NOT");
    if (phraseIndexes(tokens, phrase).some((i) => selfNegated || !negatedAt(tokens, i))) return true;
  }
  const keywordAt = tokens.findIndex((token) => ALONE.has(token) && token !== "ALL");
  if (keywordAt === -1 || negatedAt(tokens, keywordAt)) return false;
  return tokens.every((token) => ALONE.has(token) || FILLER.has(token));
}

/** What an inbound SMS asks for, from its text alone. */
export function classifyInbound(text: string): InboundIntent {
  const tokens = normalise(text);
  if (tokens.length === 0) return "none";
  if (isOptOut(tokens)) return "opt_out";
  const joined = tokens.filter((token) => token !== "PLEASE" && token !== "PLS").join(" ");
  if (OPT_IN.has(joined)) return "opt_in";
  if (CONFIRM.has(tokens.join(" "))) return "confirm";
  if (HELP.has(joined)) return "help";
  return "none";
}

/** What we know about the sending number. `known: false` — not a customer's number. */
export interface InboundNumberState {
  known: boolean;
  marketingState: MarketingState;
  /** The number's current unsubscribed state came from a STOP-type reply. */
  stoppedByKeyword: boolean;
}

export type InboundAction =
  | { action: "opt_out"; marketingState: "unsubscribed"; suppress: true }
  | { action: "opt_in"; marketingState: "subscribed"; unsuppress: true }
  | { action: "confirm"; marketingState: "subscribed" }
  | { action: "help"; reply: boolean }
  | { action: "none" };

export interface InboundOptions {
  /** The provider's own keyword handling (Twilio Advanced Opt-Out) already answered HELP. */
  providerAnsweredHelp: boolean;
}

/**
 * What an inbound SMS does, given the number's current state. STOP always opts out (and
 * suppresses even an unknown number); START/UNSTOP only undo an earlier STOP; YES only confirms a
 * pending double opt-in of a known number.
 */
export function applyInbound(state: InboundNumberState, text: string, options: InboundOptions): InboundAction {
  const intent = classifyInbound(text);
  switch (intent) {
    case "opt_out":
      return { action: "opt_out", marketingState: "unsubscribed", suppress: true };
    case "opt_in":
      return state.known && state.marketingState === "unsubscribed" && state.stoppedByKeyword
        ? { action: "opt_in", marketingState: "subscribed", unsuppress: true }
        : { action: "none" };
    case "confirm":
      return state.known && state.marketingState === "pending" ? { action: "confirm", marketingState: "subscribed" } : { action: "none" };
    case "help":
      return { action: "help", reply: !options.providerAnsweredHelp };
    case "none":
      return { action: "none" };
  }
}
