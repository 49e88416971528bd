/**
 * PURE: the Admin API documents for a run's codes and their variables (2026-10).
 * - `discountCodeBasicCreate`: single use (`usageLimit: 1`, `appliesOncePerCustomer`), limited to
 *   the customer through `context.customers` (`customerSelection` is deprecated in 2026-10),
 *   ending `expiresInHours` after the step.
 * - `discountCodeDeactivate`: a later step's code replaces the earlier one.
 * - `codeDiscountNodeByCode`: a code this run already created (a tick repeated after a crash gets
 *   TAKEN back) is looked up instead of created twice.
 * https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/discountCodeBasicCreate
 * https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/discountCodeDeactivate
 */
import type { NewStepCode } from "./discount-port";

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation FlockCartCodeCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const DISCOUNT_CODE_DEACTIVATE = `#graphql
  mutation FlockCartCodeDeactivate($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const CODE_DISCOUNT_BY_CODE = `#graphql
  query FlockCartCodeByCode($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
    }
  }
`;

/** Minor units → Shopify's Decimal string ("5.0", "12.5"); currencies with 0 or 3 decimals kept exact. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits =
    ({ JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 } as Record<string, number>)[currency] ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

export function discountCreateVariables(code: NewStepCode): Record<string, unknown> {
  const value =
    code.discount.kind === "percent"
      ? { percentage: code.discount.value / 100 }
      : { discountAmount: { amount: minorToDecimal(code.discount.value, code.currency), appliesOnEachItem: false } };
  return {
    basicCodeDiscount: {
      title: code.title,
      code: code.code,
      startsAt: code.startsAt.toISOString(),
      endsAt: code.endsAt.toISOString(),
      context: { customers: { add: [code.customerGid] } },
      customerGets: { value, items: { all: true } },
      usageLimit: 1,
      appliesOncePerCustomer: true,
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    },
  };
}
