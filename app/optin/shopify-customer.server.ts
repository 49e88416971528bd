// The customer a sign-up belongs to: found in Flock by phone or email, else created in Shopify
// (customerCreate) and stored in Flock at once, so the shopper's YES finds them before the
// customers/create webhook arrives (its applier updates the same row, by GID, when newer).
import type { Db } from "~/db/db.server";
import { createAdminClient, type AdminClientOptions, type AdminGraphql } from "~/shopify/admin-client.server";
import { AdminUserErrorsError } from "~/shopify/admin-errors";
import { customersWithAddress } from "~/messaging/consent/consent-store.server";
import { CUSTOMER_BY_CONTACT, CUSTOMER_CREATE, customerCreateInput, customerSearchQuery, type CreatedCustomer } from "./graphql";

export interface ShopifyCustomerDeps {
  db: Db;
  graphqlFor: (shop: string) => Promise<AdminGraphql>;
  client?: AdminClientOptions;
}

export interface Contact {
  phone: string | null;
  email: string | null;
  locale: string;
}

const TAKEN = /has already been taken/i;

async function createInShopify(deps: ShopifyCustomerDeps, shop: string, contact: Contact): Promise<CreatedCustomer> {
  const client = createAdminClient(await deps.graphqlFor(shop), deps.client);
  try {
    const payload = await client.mutate<{ customer: CreatedCustomer | null; userErrors: [] }>(
      CUSTOMER_CREATE,
      customerCreateInput(contact),
      "customerCreate",
    );
    if (!payload.customer) throw new Error(`customerCreate for ${shop} answered no customer and no userErrors`);
    return payload.customer;
  } catch (error) {
    // Shopify has the customer but Flock does not yet (its webhook is on the way): use theirs.
    if (!(error instanceof AdminUserErrorsError) || !error.userErrors.every((e) => TAKEN.test(e.message))) throw error;
    const data = await client.request<{ customers: { nodes: CreatedCustomer[] } }>(CUSTOMER_BY_CONTACT, {
      query: customerSearchQuery(contact),
    });
    const found = data.customers.nodes[0];
    if (!found) throw new Error(`customerCreate for ${shop} said the contact is taken, but no customer matches it`, { cause: error });
    return found;
  }
}

/** The Flock customer id for this contact, creating the customer in Shopify when none exists. */
export async function ensureCustomer(deps: ShopifyCustomerDeps, shop: string, contact: Contact): Promise<number> {
  const known = contact.phone
    ? await customersWithAddress(deps.db, shop, "SMS", contact.phone)
    : await customersWithAddress(deps.db, shop, "EMAIL", contact.email ?? "");
  if (known[0]) return known[0].id;
  const created = await createInShopify(deps, shop, contact);
  const row = await deps.db.customer.upsert({
    where: { shop_gid: { shop, gid: created.id } },
    create: {
      shop,
      gid: created.id,
      phone: contact.phone,
      email: contact.email,
      locale: contact.locale,
      shopifyCreatedAt: new Date(created.createdAt),
      shopifyUpdatedAt: new Date(created.updatedAt),
    },
    update: {},
    select: { id: true },
  });
  return row.id;
}
