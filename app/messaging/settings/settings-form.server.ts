// The Settings page's one action: which form was submitted (`intent`), its fields checked with
// zod (errors per field), then saved or the test message sent.
import type { MessagingDeps } from "./deps.server";
import { BrandSettingsForm, EmailSettingsForm, fieldErrors, SmsSettingsForm, TestMessageForm, type FieldErrors } from "./forms";
import { saveBrandSettings, saveEmailSettings, saveSmsSettings, type SaveResult } from "./settings.server";
import { sendTestMessage } from "./test-message.server";

export type SettingsIntent = "sms" | "email" | "brand" | "test-sms" | "test-email";

export interface SettingsActionResult {
  intent: SettingsIntent | "unknown";
  ok: boolean;
  errors?: FieldErrors;
  message?: string;
}

function saved(intent: SettingsIntent, result: SaveResult, message: string): SettingsActionResult {
  return result.ok ? { intent, ok: true, message } : { intent, ok: false, errors: result.errors };
}

export async function submitSettingsForm(deps: MessagingDeps, shop: string, fields: Record<string, string>): Promise<SettingsActionResult> {
  const intent = fields.intent;
  switch (intent) {
    case "sms": {
      const parsed = SmsSettingsForm.safeParse(fields);
      if (!parsed.success) return { intent, ok: false, errors: fieldErrors(parsed.error) };
      return saved(intent, await saveSmsSettings(deps.db, shop, parsed.data, deps.key), "SMS settings saved");
    }
    case "email": {
      const parsed = EmailSettingsForm.safeParse(fields);
      if (!parsed.success) return { intent, ok: false, errors: fieldErrors(parsed.error) };
      return saved(intent, await saveEmailSettings(deps.db, shop, parsed.data, deps.key), "Email settings saved");
    }
    case "brand": {
      const parsed = BrandSettingsForm.safeParse(fields);
      if (!parsed.success) return { intent, ok: false, errors: fieldErrors(parsed.error) };
      return saved(intent, await saveBrandSettings(deps.db, shop, parsed.data), "Brand saved");
    }
    case "test-sms":
    case "test-email": {
      const parsed = TestMessageForm.safeParse(fields);
      if (!parsed.success) return { intent, ok: false, errors: fieldErrors(parsed.error) };
      return { intent, ...(await sendTestMessage(deps, shop, parsed.data)) };
    }
    default:
      return { intent: "unknown", ok: false, message: `Unknown form ${String(intent)}` };
  }
}
