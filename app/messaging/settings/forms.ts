// The Settings page's three forms as zod schemas over the submitted fields (strings), so each
// error names its field. Secret fields left blank keep the stored secret.
import { z } from "zod";
import { SENDER_TYPES, senderProblem } from "./sender-types";

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value;
const optionalText = z.preprocess(blankToUndefined, z.string().optional());

export const SmsSettingsForm = z
  .object({
    twilioAccountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, "An Account SID is AC followed by 32 hexadecimal characters"),
    twilioAuthToken: z.preprocess(blankToUndefined, z.string().min(16, "An Auth Token has at least 16 characters").optional()),
    twilioApiKeySid: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^SK[0-9a-fA-F]{32}$/, "An API key SID is SK followed by 32 hexadecimal characters")
        .optional(),
    ),
    twilioApiKeySecret: z.preprocess(blankToUndefined, z.string().min(16, "An API key secret has at least 16 characters").optional()),
    twilioSenderType: z.enum(SENDER_TYPES, { message: "Choose a sender type" }),
    twilioSender: z.string().trim().min(1, "Enter the sender: a phone number, short code, Messaging Service SID or sender ID"),
    twilioSenderVerified: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    smsPerSecond: z.coerce
      .number({ message: "Enter a number" })
      .int("Enter a whole number")
      .min(1, "At least 1 message per second")
      .max(1000, "At most 1,000 messages per second"),
  })
  .superRefine((form, ctx) => {
    const problem = senderProblem(form.twilioSenderType, form.twilioSender);
    if (problem) ctx.addIssue({ code: "custom", path: ["twilioSender"], message: problem });
  });
export type SmsSettingsForm = z.infer<typeof SmsSettingsForm>;

export const EmailSettingsForm = z.object({
  sendgridApiKey: z.preprocess(blankToUndefined, z.string().startsWith("SG.", "A SendGrid API key starts with SG.").optional()),
  emailFromName: z.string().trim().min(1, "Enter the name emails come from").max(100, "At most 100 characters"),
  emailFromAddress: z.email("Enter the verified sender address, e.g. hello@yourstore.com"),
  emailReplyTo: z.preprocess(blankToUndefined, z.email("Enter an email address or leave it empty").optional()),
  emailUnsubscribeGroupId: z.coerce
    .number({ message: "Enter the unsubscribe group id (a number in SendGrid → Suppressions)" })
    .int("Enter a whole number")
    .positive("Enter the unsubscribe group id (a number in SendGrid → Suppressions)"),
  postalAddress: z.string().trim().min(10, "Enter the shop's full postal address; US law (CAN-SPAM) requires it in every marketing email"),
  sendgridEventKey: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Paste the verification key from SendGrid → Mail Settings → Event Webhook (base64)")
      .optional(),
  ),
});
export type EmailSettingsForm = z.infer<typeof EmailSettingsForm>;

export const BrandSettingsForm = z.object({
  brandName: z.string().trim().min(1, "Enter the brand name customers know you by").max(60, "At most 60 characters"),
  smsHelpText: optionalText.pipe(z.string().max(320, "At most 320 characters (two SMS segments)").optional()),
});
export type BrandSettingsForm = z.infer<typeof BrandSettingsForm>;

export const TestMessageForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("test-sms"),
    testPhone: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, "Enter your phone in international format, e.g. +14155550123"),
  }),
  z.object({ intent: z.literal("test-email"), testEmail: z.email("Enter your email address") }),
]);
export type TestMessageForm = z.infer<typeof TestMessageForm>;

export type FieldErrors = Record<string, string>;

/** The first message per field, keyed by field name (what Polaris' `error` prop shows). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
