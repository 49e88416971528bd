/**
 * The production DiscountIssuer: the run's codes through the shop's Admin API. `userErrors` are
 * returned (the step records and shows them); HTTP, throttling and top-level errors throw from
 * the admin client, so the tick job retries.
 */
import { createAdminClient, type AdminGraphql } from "~/shopify/admin-client.server";
import type { AdminUserError } from "~/shopify/admin-errors";
import { CODE_DISCOUNT_BY_CODE, DISCOUNT_CODE_BASIC_CREATE, DISCOUNT_CODE_DEACTIVATE, discountCreateVariables } from "./discount-documents";
import type { CodeResult, DiscountIssuer, NewStepCode } from "./discount-port";

interface Payload {
  codeDiscountNode: { id: string } | null;
  userErrors: AdminUserError[];
}

const describe = (errors: readonly AdminUserError[]) =>
  errors.map((e) => `${e.field?.join(".") ?? "input"}: ${e.message}${e.code ? ` (${e.code})` : ""}`);

export function adminDiscountIssuer(graphqlFor: (shop: string) => Promise<AdminGraphql>): DiscountIssuer {
  const client = async (shop: string) => createAdminClient(await graphqlFor(shop));
  return {
    async create(code: NewStepCode): Promise<CodeResult> {
      const admin = await client(code.shop);
      const data = await admin.request<{ discountCodeBasicCreate: Payload | null }>(
        DISCOUNT_CODE_BASIC_CREATE,
        discountCreateVariables(code),
      );
      const payload = data.discountCodeBasicCreate;
      if (!payload) throw new Error(`discountCodeBasicCreate answered null for ${code.shop}`);
      if (payload.userErrors.length > 0) {
        // Our code already exists: this step created it before a crash; use it.
        if (payload.userErrors.some((e) => e.code === "TAKEN")) {
          const found = await admin.request<{ codeDiscountNodeByCode: { id: string } | null }>(CODE_DISCOUNT_BY_CODE, { code: code.code });
          if (found.codeDiscountNodeByCode) return { ok: true, gid: found.codeDiscountNodeByCode.id };
        }
        return { ok: false, errors: describe(payload.userErrors) };
      }
      if (!payload.codeDiscountNode) throw new Error(`discountCodeBasicCreate returned no discount for ${code.shop}`);
      return { ok: true, gid: payload.codeDiscountNode.id };
    },
    async deactivate(shop: string, gid: string): Promise<CodeResult> {
      const admin = await client(shop);
      const data = await admin.request<{ discountCodeDeactivate: Payload | null }>(DISCOUNT_CODE_DEACTIVATE, { id: gid });
      const payload = data.discountCodeDeactivate;
      if (!payload) throw new Error(`discountCodeDeactivate answered null for ${shop}`);
      return payload.userErrors.length > 0 ? { ok: false, errors: describe(payload.userErrors) } : { ok: true, gid };
    },
  };
}
