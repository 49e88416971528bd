// Shared setup for the stand-in's tests: a small generated store served on a random loopback port.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BulkFinishPayload } from "./bulk-operations.server";
import { startAdminStandIn } from "./server.server";
import { createGeneratedStoreSource } from "./store-source";

export const TEST_NOW = new Date("2026-11-20T12:00:00Z");
export const TEST_TOKEN = "shpat_test_token";
export const TEST_WEBHOOK_SECRET = "test-app-secret";

interface TestOptions {
  customers?: number;
  cacheLimit?: number;
  bucket?: { capacity: number; restorePerSecond: number; clock?: () => number };
}

export async function startTestStandIn(options: TestOptions = {}) {
  const source = createGeneratedStoreSource({
    seed: 42,
    customers: options.customers ?? 120,
    now: TEST_NOW,
    shop: "flock-test.myshopify.com",
    cacheLimit: options.cacheLimit,
  });
  const finished: BulkFinishPayload[] = [];
  /** Consent webhooks the stand-in sent to "the app". */
  const webhooks: Request[] = [];
  const standIn = await startAdminStandIn({
    source,
    accessToken: TEST_TOKEN,
    dataDir: mkdtempSync(join(tmpdir(), "admin-stand-in-")),
    bucket: options.bucket,
    onBulkFinish: (payload) => {
      finished.push(payload);
    },
    consentWebhooks: {
      appUrl: "https://flock.test",
      secret: TEST_WEBHOOK_SECRET,
      send: async (request) => {
        webhooks.push(request);
        return new Response(null, { status: 200 });
      },
    },
    now: () => TEST_NOW,
  });
  const endpoint = `${standIn.origin}/admin/api/2026-10/graphql.json`;
  /** POSTs a GraphQL request the way @shopify/shopify-api does and returns the parsed body. */
  async function gql(query: string, variables?: Record<string, unknown>): Promise<GqlBody> {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": TEST_TOKEN },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlBody;
  }
  return { source, standIn, endpoint, gql, finished, webhooks };
}

export interface GqlBody {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response trees are walked freely in tests
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  extensions?: {
    cost?: {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
    search?: { path: unknown[]; query: string; warnings: { field: string; message: string }[] }[];
  };
}
