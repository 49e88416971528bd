// The theme app extension checked the way Shopify CLI would before a deploy: valid TOML, every
// block's schema JSON parses and names only settings the block uses (and uses only those it
// names), referenced assets exist, every translation key exists in every locale. Then the
// block rendered through liquidjs carries what carriers require and accessible markup.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import toml from "toml";
import { describe, expect, it } from "vitest";
import { EXTENSION_DIR, localeKeys, readBlockSchema, readLocale, renderBlock } from "./extension-render.server";

const read = (...parts: string[]) => readFileSync(join(EXTENSION_DIR, ...parts), "utf8");
const blocks = readdirSync(join(EXTENSION_DIR, "blocks")).filter((f) => f.endsWith(".liquid"));
const snippets = new Map(readdirSync(join(EXTENSION_DIR, "snippets")).map((f) => [f.replace(/\.liquid$/, ""), read("snippets", f)]));
const LOCALES = readdirSync(join(EXTENSION_DIR, "locales")).filter((f) => f.endsWith(".json") && !f.includes(".schema."));

/** The block's source plus every snippet it renders, transitively. */
function withSnippets(source: string, seen = new Set<string>()): string {
  let all = source;
  for (const [, name] of source.matchAll(/{%-?\s*render\s+'([^']+)'/g)) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const snippet = snippets.get(name);
    if (snippet === undefined) throw new Error(`render '${name}': no snippets/${name}.liquid`);
    all += withSnippets(snippet, seen);
  }
  return all;
}

describe("extensions/flock-signup as Shopify CLI checks it", () => {
  it("shopify.extension.toml is valid TOML for a theme extension", () => {
    const config = toml.parse(read("shopify.extension.toml")) as Record<string, unknown>;
    expect(config).toMatchObject({ type: "theme", name: expect.stringMatching(/^[a-z0-9-]{1,30}$/) });
  });

  it("has an app block (section) and an app embed (body)", () => {
    const targets = blocks.map((file) => readBlockSchema(read("blocks", file), file).target).sort();
    expect(targets).toEqual(["body", "section"]);
  });

  it.each(blocks)("%s: schema settings are exactly the settings the block uses", (file) => {
    const source = read("blocks", file);
    const schema = readBlockSchema(source, file);
    const declared = schema.settings.flatMap((s) => (s.id ? [s.id] : []));
    expect(new Set(declared).size, "setting ids are unique").toBe(declared.length);
    const used = new Set([...withSnippets(source).matchAll(/block\.settings\.(\w+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...declared].sort());
  });

  it.each(blocks)("%s: the assets it names exist", (file) => {
    const source = withSnippets(read("blocks", file));
    const schema = readBlockSchema(read("blocks", file), file);
    const named = [schema.javascript, schema.stylesheet, ...[...source.matchAll(/'([^']+)'\s*\|\s*asset_url/g)].map((m) => m[1])].filter(
      (n): n is string => !!n,
    );
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(existsSync(join(EXTENSION_DIR, "assets", name)), `assets/${name}`).toBe(true);
  });

  it("every translation key used exists in every locale, and the locales have the same keys", () => {
    const all = [...blocks.map((f) => read("blocks", f)), ...snippets.values()].join("\n");
    const used = new Set([...all.matchAll(/'([\w.]+)'\s*\|\s*t\b/g)].map((m) => m[1]));
    expect(LOCALES).toContain("en.default.json");
    expect(LOCALES.length).toBeGreaterThanOrEqual(2);
    const english = localeKeys(readLocale("en")).sort();
    for (const file of LOCALES) {
      const keys = localeKeys(JSON.parse(read("locales", file)) as Record<string, unknown>).sort();
      expect(keys, file).toEqual(english);
      for (const key of used) expect(keys, `${file} lacks ${key}`).toContain(key);
    }
  });
});

describe("the rendered form", () => {
  it.each([
    [
      "en",
      [
        "Msg & data rates may apply",
        "Reply STOP to opt out, HELP for help",
        "Consent is not a condition of purchase",
        "Up to 6 msgs/month.",
      ],
    ],
    ["es", ["Pueden aplicarse tarifas de mensajes y datos", "Responde STOP para cancelar, HELP para ayuda"]],
  ])("carries the carriers' consent wording in %s, with the program name and the links", async (locale, phrases) => {
    const html = await renderBlock("signup-form.liquid", {
      locale,
      shopName: "Paws & Whiskers",
      settings: { terms_url: "/pages/sms-terms", privacy_url: "/policies/privacy-policy" },
    });
    const text = html
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(text).toContain("Paws & Whiskers");
    expect(html).toContain('href="/pages/sms-terms"');
    expect(html).toContain('href="/policies/privacy-policy"');
    expect(html).toContain(`name="locale" value="${locale}"`);
  });

  it("labels every field, keeps cart reminders a separate checkbox and offers the country of the phone", async () => {
    const html = await renderBlock("signup-form.liquid", { locale: "en", shopName: "Paws" });
    const ids = [...html.matchAll(/<(?:input|select)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) expect(html, `label for ${id}`).toContain(`for="${id}"`);
    expect(html).toMatch(/name="sms_consent" type="checkbox"/);
    expect(html).toMatch(/name="cart_reminders" type="checkbox"/);
    expect(html).toMatch(/<option value="US"[^>]*selected/);
    expect(html).toContain('role="status"');
  });

  it("the pop-up is a labelled modal dialog with a close button screen readers can name", async () => {
    const html = await renderBlock("signup-popup.liquid", { locale: "es", shopName: "Paws" });
    expect(html).toMatch(/role="dialog" aria-modal="true" aria-label="Suscríbete a las ofertas"/);
    expect(html).toMatch(/<span class="flock-visually-hidden">Cerrar la suscripción<\/span>/);
    expect(html).toContain('data-trigger="timed"');
    expect(html).not.toContain("endschema");
  });
});
