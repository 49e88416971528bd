// Screenshots from the browser walks. Every run takes them (a page that cannot render fails the
// walk), but only `npm run docs:screenshots` writes the tracked pictures in docs/; `npm test`
// writes to test-results/screenshots so a test run leaves `git status` clean.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

const DOCS = process.env.FLOCK_DOCS_SCREENSHOTS === "1";

/** Screenshot `page` as `name` (for example "segment-builder.png"). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const folder = DOCS ? "docs" : join("test-results", "screenshots");
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, name), fullPage: options.fullPage ?? false });
}
