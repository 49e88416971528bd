// Shopify's published Admin GraphQL schema (2026-10), loaded from the copy in
// app/sandbox/contracts/shopify (provenance in its README). Building it takes ~150–350 ms, so it
// is built once per process.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-10";
const SCHEMA_FILE = new URL(`../contracts/shopify/admin_${ADMIN_API_VERSION}.introspection.json.gz`, import.meta.url);

let cached: GraphQLSchema | undefined;

/** The 2026-10 Admin schema (cached): types only; the stand-in supplies the resolvers. */
export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString("utf8")) as { data: IntrospectionQuery };
    cached = buildClientSchema(json.data);
  }
  return cached;
}
