// Renders the theme app extension's real .liquid files the way a theme would (liquidjs standing
// in for Shopify's renderer): `{% schema %}` is read for the block's defaults and not output,
// `t` looks keys up in the extension's locale file with Shopify's {{ name }} interpolation,
// `asset_url` points at a local path. Used by the extension check and the browser test.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Liquid, Tag, type Context, type Emitter, type TagToken, type TopLevelToken } from "liquidjs";

export const EXTENSION_DIR = join(process.cwd(), "extensions", "flock-signup");

export interface BlockSchema {
  name: string;
  target: string;
  javascript?: string;
  stylesheet?: string;
  settings: { type: string; id?: string; default?: unknown; content?: string }[];
}

const SCHEMA = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

/** The block's {% schema %} JSON; throws naming the file when it is missing or not JSON. */
export function readBlockSchema(source: string, file: string): BlockSchema {
  const match = SCHEMA.exec(source);
  if (!match?.[1]) throw new Error(`${file}: no {% schema %} … {% endschema %}`);
  try {
    return JSON.parse(match[1]) as BlockSchema;
  } catch (error) {
    throw new Error(`${file}: {% schema %} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function readLocale(locale: string, dir = EXTENSION_DIR): Record<string, unknown> {
  const file = locale === "en" ? "en.default.json" : `${locale}.json`;
  return JSON.parse(readFileSync(join(dir, "locales", file), "utf8")) as Record<string, unknown>;
}

/** Every key of a locale file, dotted ("flock.heading"). */
export function localeKeys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === "object" ? localeKeys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function lookup(tree: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

class SchemaTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    while (remainTokens.length > 0) {
      const next = remainTokens.shift() as TopLevelToken & { name?: string };
      if (next.name === "endschema") return;
    }
    throw new Error("{% schema %} without {% endschema %}");
  }
  *render(_ctx: Context, _emitter: Emitter): Generator<unknown, void, unknown> {}
}

export interface RenderOptions {
  locale: string;
  shopName: string;
  /** Overrides of the block's setting defaults. */
  settings?: Record<string, unknown>;
  assetBase?: string;
  blockId?: string;
}

/** The block file rendered with its schema's defaults (plus overrides), in `locale`. */
export async function renderBlock(blockFile: string, options: RenderOptions, dir = EXTENSION_DIR): Promise<string> {
  const source = readFileSync(join(dir, "blocks", blockFile), "utf8");
  const schema = readBlockSchema(source, blockFile);
  const translations = readLocale(options.locale, dir);
  const fallback = readLocale("en", dir);
  const engine = new Liquid({
    root: [join(dir, "blocks"), join(dir, "snippets")],
    extname: ".liquid",
    strictFilters: true,
    ownPropertyOnly: true,
  });
  engine.registerTag("schema", SchemaTag);
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const text = lookup(translations, key) ?? lookup(fallback, key);
    if (text === undefined) throw new Error(`translation missing: ${key}`);
    const vars = Object.fromEntries(args.filter((a): a is [string, unknown] => Array.isArray(a)));
    return text.replace(/{{\s*(\w+)\s*}}/g, (_m, name: string) => String(vars[name] ?? ""));
  });
  engine.registerFilter("asset_url", (name: string) => `${options.assetBase ?? "/assets"}/${name}`);
  const defaults = Object.fromEntries(
    schema.settings.filter((s) => s.id).map((s) => [s.id, s.default ?? (s.type === "checkbox" ? false : "")]),
  );
  const block = { id: options.blockId ?? "b1", shopify_attributes: "", settings: { ...defaults, ...options.settings } };
  return engine.parseAndRender(
    source,
    { block },
    { globals: { shop: { name: options.shopName }, request: { locale: { iso_code: options.locale } } } },
  );
}
