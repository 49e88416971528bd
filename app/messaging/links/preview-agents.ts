// PURE: requests that follow a short link without a person behind them. Chat apps and social
// sites fetch a link as soon as it is pasted or received to draw its preview card, and crawlers
// follow whatever they find; counting those would mark customers as "clicked" who never did.
// They still get the redirect (the preview shows the real page); only the count skips them.

/** Substrings of the User-Agent (case-insensitive), one line per fetcher, with where it comes from. */
export const LINK_PREVIEW_AGENTS: readonly string[] = [
  "facebookexternalhit", // Facebook and Messenger link previews
  "facebot", // Facebook's crawler
  "twitterbot", // X / Twitter cards
  "slackbot", // Slack unfurling (Slackbot-LinkExpanding)
  "whatsapp", // WhatsApp previews (WhatsApp/2.x)
  "telegrambot", // Telegram previews
  "linkedinbot", // LinkedIn previews
  "discordbot", // Discord embeds
  "skypeuripreview", // Skype and Teams previews
  "googlebot", // Google's crawler
  "bingbot", // Bing's crawler
  "bingpreview", // Bing's page snapshots
  "applebot", // Apple's crawler
  // iMessage fetches previews as Facebook's agent plus Twitterbot ("facebookexternalhit/1.1
  // Facebot Twitterbot/1.0"), covered above.
  "pinterest", // Pinterestbot
  "redditbot",
  "embedly",
  "vkshare",
  "snapchat",
  "viber",
  "line-poker", // LINE previews
  "yandex",
  "duckduckbot",
  "baiduspider",
  "petalbot",
  "headlesschrome", // automated browsers, link scanners
  "crawler",
  "spider",
];

/**
 * Any agent that calls itself a bot or a preview ("SomeBot/1.0", "AhrefsBot;", "Mastodon/4 … Bot",
 * "MicrosoftPreview"), but not a phone model that merely ends in "bot" ("CUBOT X30").
 */
const GENERIC = /bot\/|bot[;)]|\bbot\b|preview|\bfetch(er)?\b/i;

/** True for link-preview fetchers and crawlers; a missing User-Agent is treated as one too. */
export function isLinkPreviewAgent(userAgent: string | null | undefined): boolean {
  const agent = (userAgent ?? "").trim().toLowerCase();
  if (agent === "") return true;
  return LINK_PREVIEW_AGENTS.some((needle) => agent.includes(needle)) || GENERIC.test(agent);
}
