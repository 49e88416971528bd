// PURE: the home page's getting-started checklist, from what the shop has done so far.
import type { ResourceProgress } from "~/shopify/sync/progress";

export type StepState = "done" | "in_progress" | "failed" | "todo" | "later";

export interface GettingStartedStep {
  key: "import" | "segment" | "channels" | "campaign";
  title: string;
  /** What the step means for the merchant now, in its current state. */
  detail: string;
  state: StepState;
  /** Where to do it, when there is something to do now. */
  action?: { label: string; url: string };
}

export interface GettingStartedInput {
  sync: readonly Pick<ResourceProgress, "state" | "label">[];
  liveSegments: number;
  /** Providers with stored credentials (Twilio, SendGrid). */
  channels: number;
  sentCampaigns: number;
}

function importStep(sync: GettingStartedInput["sync"]): GettingStartedStep {
  const base = { key: "import" as const, title: "Import your store" };
  const failed = sync.filter((r) => r.state === "failed");
  if (failed.length > 0)
    return {
      ...base,
      state: "failed",
      detail: `The import of ${failed.map((r) => r.label.toLowerCase()).join(", ")} failed; retry it in Store sync below.`,
    };
  if (sync.length > 0 && sync.every((r) => r.state === "completed"))
    return {
      ...base,
      state: "done",
      detail: "Customers, orders, products, collections and abandoned checkouts are in Flock and stay in sync.",
    };
  if (sync.some((r) => r.state !== "never"))
    return { ...base, state: "in_progress", detail: "Flock is copying your store; segments count everyone once it finishes." };
  return { ...base, state: "todo", detail: "The import starts by itself when the app is installed." };
}

/** The four first steps, each with its state. */
export function gettingStartedSteps(input: GettingStartedInput): GettingStartedStep[] {
  return [
    importStep(input.sync),
    input.liveSegments > 0
      ? {
          key: "segment",
          title: "Create your first segment",
          state: "done",
          detail: `You have ${input.liveSegments} segment${input.liveSegments === 1 ? "" : "s"}.`,
          action: { label: "View segments", url: "/app/segments" },
        }
      : {
          key: "segment",
          title: "Create your first segment",
          state: "todo",
          detail: "Group customers by what they did: start from a template such as Repeat buyers.",
          action: { label: "Create a segment", url: "/app/segments/new" },
        },
    input.channels > 0
      ? {
          key: "channels",
          title: "Set up SMS and email",
          state: "done",
          detail: "A sending provider is connected.",
          action: { label: "Settings", url: "/app/settings" },
        }
      : {
          key: "channels",
          title: "Set up SMS and email",
          state: "todo",
          detail: "Connect Twilio for SMS and SendGrid for email, then send yourself a test message.",
          action: { label: "Open settings", url: "/app/settings" },
        },
    input.sentCampaigns > 0
      ? {
          key: "campaign",
          title: "Send your first campaign",
          state: "done",
          detail: `${input.sentCampaigns} campaign${input.sentCampaigns === 1 ? "" : "s"} sent.`,
          action: { label: "View campaigns", url: "/app/campaigns" },
        }
      : {
          key: "campaign",
          title: "Send your first campaign",
          state: "todo",
          detail: "Send one SMS or email to a segment: preview who gets it and what it costs, then send now or schedule it.",
          action: { label: "Create a campaign", url: "/app/campaigns" },
        },
  ];
}
