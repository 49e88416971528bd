// Starts the Twilio stand-in: the fake on a free loopback port and Prism in front of it,
// validating against Twilio's 2010-04-01 spec (app/sandbox/contracts/twilio). The copied spec
// stays verbatim on disk; Prism gets only the Messages paths, which cuts its start-up from a
// 1.9 MB document to ~260 kB.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyJsonPatch, type JsonPatchOperation } from "../json-patch";
import { startBehindPrism, type FakeBehindPrism } from "../behind-prism.server";
import { TwilioFake, type TwilioAccount, type TwilioFakeOptions } from "./fake.server";

const CONTRACTS = join(process.cwd(), "app/sandbox/contracts/twilio");
const SPEC_PATH = join(CONTRACTS, "twilio_api_v2010.json");
// Made here: the list page's URIs are typed `format: uri` (absolute), but Twilio answers with
// relative ones, as the spec's own examples show. See app/sandbox/contracts/twilio/README.md.
const OVERLAY_PATH = join(CONTRACTS, "twilio_api_v2010.list-uris.jsonpatch.json");

/** The sandbox account the demo shop is configured with (not a real Twilio account). */
export const SANDBOX_TWILIO = {
  accountSid: "AC5a11d0c0ffee5a11d0c0ffee5a11d0c0",
  authToken: "sandbox-auth-token-0f1e2d3c4b5a6978",
  messagingServiceSid: "MG5a11d0c0ffee5a11d0c0ffee5a11d0c0",
  number: "+14155550100",
} as const;

interface OpenApiDocument {
  paths: Record<string, unknown>;
  [key: string]: unknown;
}

/** Twilio's spec, overlay applied, with only the /Messages paths (components kept whole so every $ref resolves). */
export function loadTwilioMessagesSpec(): OpenApiDocument {
  const overlay = JSON.parse(readFileSync(OVERLAY_PATH, "utf8")) as JsonPatchOperation[];
  const spec = applyJsonPatch(JSON.parse(readFileSync(SPEC_PATH, "utf8")) as OpenApiDocument, overlay);
  const paths = Object.fromEntries(Object.entries(spec.paths).filter(([path]) => path.includes("/Messages")));
  return { ...spec, paths };
}

export type TwilioStandIn = FakeBehindPrism<TwilioFake>;

export async function startTwilioStandIn(
  options: Partial<TwilioFakeOptions> & { accounts?: TwilioAccount[] } = {},
): Promise<TwilioStandIn> {
  const accounts = options.accounts ?? [sandboxAccount()];
  return startBehindPrism(new TwilioFake({ ...options, accounts }), loadTwilioMessagesSpec(), "twilio");
}

export function sandboxAccount(inboundUrl?: string): TwilioAccount {
  return {
    sid: SANDBOX_TWILIO.accountSid,
    authToken: SANDBOX_TWILIO.authToken,
    messagingServices: { [SANDBOX_TWILIO.messagingServiceSid]: [SANDBOX_TWILIO.number] },
    ...(inboundUrl ? { inboundUrl } : {}),
  };
}
