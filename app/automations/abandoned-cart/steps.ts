/**
 * PURE: the abandoned-checkout sequence the merchant edits (stored as JSON in Automation.steps)
 * and its defaults. Delays count from the checkout's `updated_at` (its last activity).
 */
import { z } from "zod";
import { validateTemplate } from "~/messaging/render/template";

export const AUTOMATION_KIND = "abandoned_checkout";
export const MAX_STEPS = 5;
const WEEK_MINUTES = 7 * 24 * 60;

export const StepDiscount = z.object({
  kind: z.enum(["percent", "amount"]),
  /** Percent (1–100) or an amount in the shop currency's minor units. */
  value: z.number().int().positive(),
  /** The code stops working this many hours after the step is sent. */
  expiresInHours: z.number().int().min(1).max(720),
});
export type StepDiscount = z.infer<typeof StepDiscount>;

export const SequenceStep = z.object({
  delayMinutes: z.number().int().min(1).max(WEEK_MINUTES),
  channel: z.enum(["sms", "email"]),
  /** Email only. */
  subject: z.string().max(200).default(""),
  /** Liquid template: {{ customer.first_name }}, {{ checkout_url }}, {{ discount_code }}, {{ shop.name }}. */
  message: z.string().min(1).max(1600),
  discount: StepDiscount.nullable().default(null),
});
export type SequenceStep = z.infer<typeof SequenceStep>;

export const SequenceConfig = z
  .object({
    /** A checkout not completed this many minutes after its last update starts a run. */
    triggerMinutes: z.number().int().min(1).max(WEEK_MINUTES).default(60),
    steps: z.array(SequenceStep).min(1).max(MAX_STEPS),
  })
  .superRefine((config, ctx) => {
    config.steps.forEach((step, i) => {
      const at = (field: string) => ["steps", i, field];
      if (step.delayMinutes < config.triggerMinutes) {
        ctx.addIssue({
          code: "custom",
          path: at("delayMinutes"),
          message: `Step ${i + 1} is due before the checkout counts as abandoned (${config.triggerMinutes} min)`,
        });
      }
      const previous = config.steps[i - 1];
      if (previous && step.delayMinutes <= previous.delayMinutes) {
        ctx.addIssue({ code: "custom", path: at("delayMinutes"), message: `Step ${i + 1} must come after step ${i}` });
      }
      if (step.discount?.kind === "percent" && step.discount.value > 100) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "discount", "value"],
          message: `Step ${i + 1}: a percentage discount is at most 100`,
        });
      }
      if (step.channel === "email" && step.subject.trim() === "") {
        ctx.addIssue({ code: "custom", path: at("subject"), message: `Step ${i + 1}: an email needs a subject` });
      }
      for (const field of ["message", "subject"] as const) {
        for (const error of validateTemplate(step[field])) {
          ctx.addIssue({
            code: "custom",
            path: at(field),
            message: `Step ${i + 1} ${field}, line ${error.line} column ${error.column}: ${error.message}`,
          });
        }
      }
    });
  });
export type SequenceConfig = z.infer<typeof SequenceConfig>;

/** SMS at 1 h, email at 12 h, email at 24 h with a bigger discount. */
export const DEFAULT_SEQUENCE: SequenceConfig = {
  triggerMinutes: 60,
  steps: [
    {
      delayMinutes: 60,
      channel: "sms",
      subject: "",
      discount: null,
      message: "{{ shop.name }}: you left something in your cart, {{ customer.first_name }}. It's waiting for you: {{ checkout_url }}",
    },
    {
      delayMinutes: 12 * 60,
      channel: "email",
      subject: "Your cart at {{ shop.name }} is waiting",
      message: "Hi {{ customer.first_name }},\n\nYour cart is still here. Take 10% off with {{ discount_code }}: {{ checkout_url }}",
      discount: { kind: "percent", value: 10, expiresInHours: 48 },
    },
    {
      delayMinutes: 24 * 60,
      channel: "email",
      subject: "Last chance: 15% off your cart",
      message: "Hi {{ customer.first_name }},\n\nWe saved your cart one last time. {{ discount_code }} takes 15% off: {{ checkout_url }}",
      discount: { kind: "percent", value: 15, expiresInHours: 48 },
    },
  ],
};

/** Reads a stored sequence; a row written by an older version falls back to the defaults per field. */
export function parseSequence(json: string): SequenceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`Automation steps are not JSON: ${json.slice(0, 40)}`);
  }
  // Before issue #16 the column held a bare step list.
  const value = Array.isArray(raw) ? { steps: raw } : raw;
  const parsed = SequenceConfig.safeParse(value);
  if (!parsed.success)
    throw new Error(`Automation steps are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
