// Starts the SendGrid stand-in: the fake on a free loopback port and Prism in front of it,
// validating against SendGrid's Mail v3 spec with the custom_args overlay applied (the copied
// spec stays verbatim; the patched one goes to a temp file for Prism).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyJsonPatch, type JsonPatchOperation } from "../json-patch";
import { startBehindPrism, type FakeBehindPrism } from "../behind-prism.server";
import { SendGridFake, type SendGridFakeOptions } from "./fake.server";

const CONTRACTS = join(process.cwd(), "app/sandbox/contracts/sendgrid");

/** The sandbox account the demo shop is configured with (not a real SendGrid key). */
export const SANDBOX_SENDGRID = {
  apiKey: "SG.sandbox-key.0f1e2d3c4b5a69788796a5b4c3d2e1f0",
  fromEmail: "hello@pawsandwhiskers.example",
  fromName: "Paws & Whiskers",
  unsubscribeGroupId: 4242,
} as const;

export function loadMailSpec(): unknown {
  const spec: unknown = JSON.parse(readFileSync(join(CONTRACTS, "tsg_mail_v3.json"), "utf8"));
  const overlay = JSON.parse(readFileSync(join(CONTRACTS, "tsg_mail_v3.custom_args.jsonpatch.json"), "utf8")) as JsonPatchOperation[];
  return applyJsonPatch(spec, overlay);
}

export type SendGridStandIn = FakeBehindPrism<SendGridFake>;

export async function startSendGridStandIn(options: Partial<SendGridFakeOptions> = {}): Promise<SendGridStandIn> {
  const fake = new SendGridFake({ apiKeys: [SANDBOX_SENDGRID.apiKey], verifiedSenders: [SANDBOX_SENDGRID.fromEmail], ...options });
  return startBehindPrism(fake, loadMailSpec(), "sendgrid");
}
