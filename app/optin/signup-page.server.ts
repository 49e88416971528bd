// The merchant's Sign-up form page: the settings, the form rendered from the extension's own
// .liquid as shoppers see it (English and Spanish), and the last 14 days' numbers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Db } from "~/db/db.server";
import { EXTENSION_DIR, renderBlock } from "./extension-render.server";
import { loadOptInSettings, type OptInSettingsView } from "./settings.server";
import { STATS_DAYS, summarizeSignups, type SignupStats } from "./stats";

export interface SignupPageData {
  settings: OptInSettingsView;
  stats: SignupStats;
  previews: { locale: string; html: string }[];
}

/** A self-contained page (the extension's stylesheet inlined) for a sandboxed preview frame. */
async function previewDocument(settings: OptInSettingsView, shopName: string, locale: string): Promise<string> {
  const overrides = {
    program_name: settings.programName,
    frequency_text: settings.frequencyText,
    terms_url: settings.termsUrl,
    privacy_url: settings.privacyUrl,
  };
  const form = await renderBlock("signup-form.liquid", { locale, shopName, settings: overrides, blockId: `preview-${locale}` });
  const css = readFileSync(join(EXTENSION_DIR, "assets", "flock-signup.css"), "utf8");
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><style>body{font-family:system-ui,sans-serif;margin:0;padding:16px;background:#f6f6f7}${css}</style></head><body>${form}</body></html>`;
}

export async function loadSignupPage(db: Db, shop: string, now: Date): Promise<SignupPageData> {
  const [settings, shopRow, rows] = await Promise.all([
    loadOptInSettings(db, shop),
    db.shop.findUnique({ where: { shop }, select: { name: true, ianaTimezone: true } }),
    db.optInRequest.findMany({
      where: { shop, createdAt: { gte: new Date(now.getTime() - (STATS_DAYS + 1) * 86_400_000) } },
      select: { createdAt: true, state: true, phone: true },
    }),
  ]);
  const shopName = shopRow?.name ?? shop;
  // The extension's files ship with the app; a deployment without them shows the page without previews.
  const previews = await Promise.all(
    ["en", "es"].map(async (locale) => ({ locale, html: await previewDocument(settings, shopName, locale) })),
  ).catch(() => []);
  return { settings, stats: summarizeSignups(rows, now, shopRow?.ianaTimezone ?? "UTC"), previews };
}

const link = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => v === "" || v.startsWith("/") || /^https:\/\/[^\s]+$/.test(v),
    "Use a page of your store (/pages/…) or an https:// address",
  );

export const SignupSettingsForm = z.object({
  enabled: z.enum(["on", "off"]).transform((v) => v === "on"),
  programName: z.string().trim().max(60, "At most 60 characters"),
  frequencyText: z.string().trim().min(1, "Say how often shoppers will get texts (carriers require it)").max(120, "At most 120 characters"),
  termsUrl: link,
  privacyUrl: link,
  welcomeText: z.string().trim().max(300, "At most 300 characters"),
  discountCode: z
    .string()
    .trim()
    .max(40, "At most 40 characters")
    .regex(/^[A-Za-z0-9_-]*$/, "Letters, digits, - and _ only"),
  emailOptInLevel: z.enum(["SINGLE_OPT_IN", "CONFIRMED_OPT_IN"], { error: "Choose single or confirmed opt-in" }),
});

export type SaveResult = { ok: true; message: string } | { ok: false; errors: Record<string, string>; message: string };

/** Validates and stores the page's form; nothing is stored when any field is wrong. */
export async function saveSignupSettings(db: Db, shop: string, fields: Record<string, string>): Promise<SaveResult> {
  const parsed = SignupSettingsForm.safeParse(fields);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "form"), issue.message]));
    return {
      ok: false,
      errors,
      message: `Not saved: ${Object.keys(errors).join(", ")} ${Object.keys(errors).length === 1 ? "needs" : "need"} a fix.`,
    };
  }
  await db.optInSettings.upsert({ where: { shop }, create: { shop, ...parsed.data }, update: parsed.data });
  return {
    ok: true,
    message: parsed.data.enabled
      ? "Sign-up form saved. It is live on the storefront."
      : "Sign-up form saved. It is off: shoppers cannot sign up.",
  };
}
