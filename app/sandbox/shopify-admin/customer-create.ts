// customerCreate as Shopify answers it (2026-10): a new customer that later `node`/`customer`
// reads see, or userErrors where Shopify refuses the input — no name, phone or email; a malformed
// email or phone; an email or phone another customer already has.
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerCreate
// Created customers are kept for the stand-in's lifetime beside the generated store (which never
// changes): the `customers` connection and bulk exports list them after the generated ones, and the
// stand-in sends the signed `customers/create` webhook Shopify would (customerCreatedWebhook).
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { CustomerChunk, GenCustomer } from "~/sandbox/store-generator/types";

type UserError = { field: string[]; message: string };
export type CreateCustomerResult = { chunk: CustomerChunk } | { userErrors: UserError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const str = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

export interface ExistingCustomers {
  /** Any customer (generated or created) with this email (any case) or E.164 phone. */
  findByEmail(email: string): boolean;
  findByPhone(phone: string): boolean;
}

/** Validates the input the way Shopify does and builds the new customer. PURE. */
export function buildCreatedCustomer(
  args: Record<string, unknown>,
  existing: ExistingCustomers,
  gid: string,
  now: Date,
): CreateCustomerResult {
  const input = (args.input ?? {}) as Record<string, unknown>;
  const email = str(input.email);
  const phoneInput = str(input.phone);
  const firstName = str(input.firstName);
  const lastName = str(input.lastName);
  const errors: UserError[] = [];
  if (!email && !phoneInput && !firstName && !lastName) {
    return { userErrors: [{ field: ["input"], message: "A name, phone number, or email address must be present" }] };
  }
  if (input.id !== undefined && input.id !== null) errors.push({ field: ["input", "id"], message: "Id cannot be specified on create" });
  if (email && !EMAIL.test(email)) errors.push({ field: ["email"], message: "Email is invalid" });
  else if (email && existing.findByEmail(email.toLowerCase())) errors.push({ field: ["email"], message: "Email has already been taken" });
  const parsed = phoneInput ? parsePhoneNumberFromString(phoneInput) : undefined;
  const phone = parsed?.isValid() ? parsed.number : null;
  if (phoneInput && !phone) errors.push({ field: ["phone"], message: "Phone is invalid" });
  else if (phone && existing.findByPhone(phone)) errors.push({ field: ["phone"], message: "Phone has already been taken" });
  if (errors.length > 0) return { userErrors: errors };
  const customer: GenCustomer = {
    gid,
    firstName: firstName ?? "",
    lastName: lastName ?? "",
    email: email ? email.toLowerCase() : null,
    phone,
    emailState: "NOT_SUBSCRIBED",
    emailOptIn: null,
    emailConsentAt: null,
    smsState: "NOT_SUBSCRIBED",
    smsOptIn: null,
    smsConsentAt: null,
    tags: Array.isArray(input.tags) ? input.tags.map(String) : [],
    countryCode: "",
    provinceCode: null,
    city: "",
    zip: "",
    address1: "",
    locale: str(input.locale) ?? "en",
    accountState: "DISABLED",
    verifiedEmail: false,
    createdAt: now,
    updatedAt: now,
  };
  return { chunk: { customer, orders: [], checkouts: [] } };
}

const iso = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The REST `customers/create` payload for a created customer. PURE. Since 2025-01 customer payloads
 * carry no tags or marketing consent (those come through the consent topics), so neither is here.
 * https://shopify.dev/docs/api/webhooks/2026-10?reference=toml#list-of-topics-customers/create
 */
export function customerCreatedWebhook(customer: GenCustomer): Record<string, unknown> {
  const legacyId = customer.gid.slice(customer.gid.lastIndexOf("/") + 1);
  return {
    id: Number(legacyId),
    admin_graphql_api_id: customer.gid,
    created_at: iso(customer.createdAt),
    updated_at: iso(customer.updatedAt),
    first_name: customer.firstName || null,
    last_name: customer.lastName || null,
    state: customer.accountState.toLowerCase(),
    note: null,
    verified_email: customer.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: false,
    email: customer.email,
    phone: customer.phone,
    currency: "USD",
    addresses: [],
    tax_exemptions: [],
    default_address: null,
  };
}
