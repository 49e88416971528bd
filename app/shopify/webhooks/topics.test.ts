// shopify.app.toml, the topic list and the route files agree: every subscribed topic (and
// only those) is handled at /webhooks/<topic> by a route calling webhookAction(<topic>).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMPLIANCE_TOPICS, SYNC_TOPICS, WEBHOOK_TOPICS, topicKey, webhookPath } from "./topics";

const root = process.cwd();
const toml = readFileSync(join(root, "shopify.app.toml"), "utf8");

/** [[webhooks.subscriptions]] blocks as { key: topics|compliance_topics, topics, uri }. */
function subscriptions() {
  return toml
    .split("[[webhooks.subscriptions]]")
    .slice(1)
    .map((block) => {
      const topics = /^\s*(topics|compliance_topics)\s*=\s*\[([^\]]*)\]/m.exec(block);
      const uri = /^\s*uri\s*=\s*"([^"]+)"/m.exec(block);
      return { key: topics?.[1], topics: [...(topics?.[2] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]), uri: uri?.[1] };
    });
}

describe("webhook subscriptions", () => {
  it("pins the webhooks API version to 2026-10", () => {
    expect(toml).toMatch(/\[webhooks\]\s*\napi_version = "2026-10"/);
  });

  it("subscribes exactly the issue's 22 topics and 3 compliance topics, one route each", () => {
    const subs = subscriptions();
    expect(
      subs
        .filter((s) => s.key === "topics")
        .flatMap((s) => s.topics)
        .sort(),
    ).toEqual([...SYNC_TOPICS].sort());
    expect(
      subs
        .filter((s) => s.key === "compliance_topics")
        .flatMap((s) => s.topics)
        .sort(),
    ).toEqual([...COMPLIANCE_TOPICS].sort());
    for (const s of subs) expect(s.uri).toBe(webhookPath(s.topics[0] as (typeof WEBHOOK_TOPICS)[number]));
    expect(WEBHOOK_TOPICS).toHaveLength(25);
  });

  it.each(WEBHOOK_TOPICS.map((t) => [t]))(
    "%s has its route, which only hands over to webhookAction (and answers GET with 405)",
    (topic) => {
      const file = join(root, "app/routes", `webhooks.${topic.replaceAll("/", ".")}.tsx`);
      expect(existsSync(file)).toBe(true);
      const source = readFileSync(file, "utf8");
      expect(source).toContain(`export const action = webhookAction("${topic}");`);
      expect(source).toContain("export const loader = webhookLoader;");
      expect(source.split("\n").filter((l) => l.trim() && !l.startsWith("//")).length).toBeLessThanOrEqual(5);
    },
  );

  it("normalises topics as shopify-api does for the header check", () => {
    expect(topicKey("customers_email_marketing_consent/update")).toBe("CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE");
  });
});
