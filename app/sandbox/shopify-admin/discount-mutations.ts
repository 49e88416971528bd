// discountCodeBasicCreate, discountCodeDeactivate and codeDiscountNodeByCode as Shopify answers
// them for what Flock sends, refusing what Shopify refuses with its userErrors: a blank or taken
// code (case-insensitive), a code over 255 characters, a blank title or start, an end before the
// start, a percentage outside 0–1 or an amount ≤ 0, no value or items, an unknown customer in
// `context.customers`, a usage limit below 1; deactivating an unknown discount. Codes live for
// the stand-in's lifetime.
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/discountCodeBasicCreate
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/discountCodeDeactivate
import type { StoreViews } from "./store-views";

type UserError = { field: string[] | null; message: string; code: string };

export interface StandInDiscount {
  id: string;
  code: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  customerIds: string[];
  percentage: number | null;
  amount: string | null;
  deactivatedAt: string | null;
}

const obj = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});

export class DiscountCodes {
  readonly byId = new Map<string, StandInDiscount>();
  #next = 1;
  constructor(private readonly now: () => Date) {}

  #node(discount: StandInDiscount) {
    const now = this.now().toISOString();
    const status =
      discount.deactivatedAt || (discount.endsAt && discount.endsAt <= now) ? "EXPIRED" : discount.startsAt > now ? "SCHEDULED" : "ACTIVE";
    return {
      id: discount.id,
      codeDiscount: {
        __typename: "DiscountCodeBasic",
        title: discount.title,
        status,
        startsAt: discount.startsAt,
        endsAt: discount.deactivatedAt ?? discount.endsAt,
        usageLimit: discount.usageLimit,
        appliesOncePerCustomer: discount.appliesOncePerCustomer,
        asyncUsageCount: 0,
      },
    };
  }

  findByCode(code: string): StandInDiscount | undefined {
    const wanted = code.toLowerCase();
    return [...this.byId.values()].find((d) => d.code.toLowerCase() === wanted);
  }

  create(views: StoreViews, args: Record<string, unknown>): unknown {
    const input = obj(args.basicCodeDiscount);
    const at = (...path: string[]) => ["basicCodeDiscount", ...path];
    const errors: UserError[] = [];
    const code = typeof input.code === "string" ? input.code.trim() : "";
    if (!code) errors.push({ field: at("code"), message: "Code can't be blank", code: "BLANK" });
    else if (code.length > 255)
      errors.push({ field: at("code"), message: "Code is too long (maximum is 255 characters)", code: "TOO_LONG" });
    else if (this.findByCode(code))
      errors.push({ field: at("code"), message: "Code must be unique. Please try a different code.", code: "TAKEN" });
    const title = typeof input.title === "string" ? input.title.trim() : "";
    if (!title) errors.push({ field: at("title"), message: "Title can't be blank", code: "BLANK" });
    const startsAt = typeof input.startsAt === "string" ? input.startsAt : "";
    if (!startsAt) errors.push({ field: at("startsAt"), message: "Starts at can't be blank", code: "BLANK" });
    const endsAt = typeof input.endsAt === "string" ? input.endsAt : null;
    if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt))
      errors.push({ field: at("endsAt"), message: "Ends at needs to be after starts_at", code: "END_DATE_BEFORE_START_DATE" });
    const gets = obj(input.customerGets);
    const value = obj(gets.value);
    const percentage = typeof value.percentage === "number" ? value.percentage : null;
    const amount = typeof obj(value.discountAmount).amount === "string" ? String(obj(value.discountAmount).amount) : null;
    if (percentage === null && amount === null)
      errors.push({ field: at("customerGets", "value"), message: "Value can't be blank", code: "BLANK" });
    if (percentage !== null && (percentage <= 0 || percentage > 1))
      errors.push({
        field: at("customerGets", "value", "percentage"),
        message: "Value must be between 0.0 and 1.0",
        code: "VALUE_OUTSIDE_RANGE",
      });
    if (amount !== null && !(Number(amount) > 0))
      errors.push({
        field: at("customerGets", "value", "discountAmount", "amount"),
        message: "Value must be greater than 0",
        code: "GREATER_THAN",
      });
    if (!gets.items) errors.push({ field: at("customerGets", "items"), message: "Items can't be blank", code: "APPLIES_ON_NOTHING" });
    const customerIds = Array.isArray(obj(obj(input.context).customers).add)
      ? (obj(obj(input.context).customers).add as unknown[]).map(String)
      : [];
    for (const id of customerIds) {
      const found = views.node(id) as { __typename?: string } | null;
      if (found?.__typename !== "Customer")
        errors.push({ field: at("context", "customers", "add"), message: `Customer ${id} does not exist`, code: "INVALID" });
    }
    const usageLimit = typeof input.usageLimit === "number" ? input.usageLimit : null;
    if (usageLimit !== null && usageLimit < 1)
      errors.push({ field: at("usageLimit"), message: "Usage limit must be greater than 0", code: "GREATER_THAN" });
    if (errors.length > 0) return { codeDiscountNode: null, userErrors: errors };
    const discount: StandInDiscount = {
      id: `gid://shopify/DiscountCodeNode/${this.#next++}`,
      code,
      title,
      startsAt,
      endsAt,
      usageLimit,
      appliesOncePerCustomer: input.appliesOncePerCustomer === true,
      customerIds,
      percentage,
      amount,
      deactivatedAt: null,
    };
    this.byId.set(discount.id, discount);
    return { codeDiscountNode: this.#node(discount), userErrors: [] };
  }

  deactivate(args: Record<string, unknown>): unknown {
    const discount = this.byId.get(String(args.id));
    if (!discount) return { codeDiscountNode: null, userErrors: [{ field: ["id"], message: "Discount does not exist", code: "INVALID" }] };
    discount.deactivatedAt ??= this.now().toISOString();
    return { codeDiscountNode: this.#node(discount), userErrors: [] };
  }

  byCode(args: Record<string, unknown>): unknown {
    const found = this.findByCode(String(args.code ?? ""));
    return found ? this.#node(found) : null;
  }
}

const perExecutor = new WeakMap<object, DiscountCodes>();

/** The stand-in's codes, one set per executor (its clock is the one the consent webhooks use). */
export function discountCodesOf(executor: object, now: () => Date): DiscountCodes {
  let codes = perExecutor.get(executor);
  if (!codes) perExecutor.set(executor, (codes = new DiscountCodes(now)));
  return codes;
}
