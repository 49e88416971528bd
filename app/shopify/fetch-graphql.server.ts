// A plain-fetch `graphql` function with the shape of shopify-app-remix's `admin.graphql`, for
// the sandbox stand-in, scripts and tests. Same endpoint and header as the real Admin API:
// https://shopify.dev/docs/api/admin-graphql#endpoints
import type { AdminGraphql } from "./admin-client.server";

export interface FetchGraphqlOptions {
  /** `https://<shop>` in production, the stand-in's loopback origin in the sandbox. */
  origin: string;
  shop: string;
  accessToken: string;
  apiVersion: "2026-10";
  fetch?: typeof globalThis.fetch;
}

export function createFetchGraphql(options: FetchGraphqlOptions): AdminGraphql {
  const url = `${options.origin.replace(/\/$/, "")}/admin/api/${options.apiVersion}/graphql.json`;
  const doFetch = options.fetch ?? globalThis.fetch;
  return (query, { variables } = {}) =>
    doFetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Access-Token": options.accessToken },
      body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
    });
}
