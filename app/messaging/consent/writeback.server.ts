// The consent.writeback job: tells Shopify about a consent change Flock made, through the Admin
// API (customerSmsMarketingConsentUpdate / customerEmailMarketingConsentUpdate). It sends the
// customer's state as it is when the job runs, not the state the change recorded, so STOP and
// START written back in either order still leave Shopify where Flock is. Shopify then sends its
// consent webhook back; applying it sets the same state and records no change of ours, so no
// second job follows (no loop). Failures throw: the queue retries them with backoff.
import { z } from "zod";
import type { Db } from "~/db/db.server";
import type { JobHandler } from "~/jobs/queue";
import { createAdminClient, type AdminGraphql, type AdminClientOptions } from "~/shopify/admin-client.server";
import type { AdminUserError } from "~/shopify/admin-errors";
import { consentUpdateRequest, type ConsentUpdate } from "~/shopify/graphql/consent";

export interface WritebackDeps {
  db: Db;
  graphqlFor: (shop: string) => Promise<AdminGraphql>;
  now: () => Date;
  client?: AdminClientOptions;
}

const Payload = z.object({ changeId: z.number().int().positive() });
const WRITABLE = new Set<string>(["SUBSCRIBED", "UNSUBSCRIBED", "PENDING"]);

export type WritebackOutcome = "written" | "already_written" | "nothing_to_write";

export async function writeBackConsentChange(deps: WritebackDeps, changeId: number): Promise<WritebackOutcome> {
  const change = await deps.db.consentChange.findUnique({ where: { id: changeId } });
  if (!change) return "nothing_to_write";
  if (change.writtenBackAt) return "already_written";
  const customer = await deps.db.customer.findFirst({
    where: { id: change.customerId, shop: change.shop },
    select: {
      gid: true,
      deletedAt: true,
      redactedAt: true,
      smsMarketingState: true,
      emailMarketingState: true,
      smsConsentUpdatedAt: true,
      emailConsentUpdatedAt: true,
      smsMarketingOptIn: true,
      emailMarketingOptIn: true,
    },
  });
  const state = change.channel === "SMS" ? customer?.smsMarketingState : customer?.emailMarketingState;
  if (!customer || customer.deletedAt || customer.redactedAt || !state || !WRITABLE.has(state)) {
    await deps.db.consentChange.update({ where: { id: change.id }, data: { writtenBackAt: deps.now() } });
    return "nothing_to_write";
  }
  const at = (change.channel === "SMS" ? customer.smsConsentUpdatedAt : customer.emailConsentUpdatedAt) ?? change.at;
  const level = change.channel === "SMS" ? customer.smsMarketingOptIn : customer.emailMarketingOptIn;
  const optInLevel = state === "SUBSCRIBED" && level === "CONFIRMED_OPT_IN" ? "CONFIRMED_OPT_IN" : "SINGLE_OPT_IN";
  const request = consentUpdateRequest({
    channel: change.channel,
    customerGid: customer.gid,
    state: state as ConsentUpdate["state"],
    at,
    optInLevel,
  });
  const client = createAdminClient(await deps.graphqlFor(change.shop), deps.client);
  await client.mutate<{ userErrors: AdminUserError[] }>(request.document, request.variables, request.field);
  await deps.db.consentChange.update({ where: { id: change.id }, data: { writtenBackAt: deps.now() } });
  return "written";
}

export function consentWritebackHandler(deps: () => WritebackDeps): JobHandler {
  return async (job) => {
    const parsed = Payload.safeParse(job.payload);
    if (!parsed.success)
      throw new Error(
        `consent.writeback payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ")}`,
      );
    await writeBackConsentChange(deps(), parsed.data.changeId);
  };
}
