/**
 * The editor's live SMS panel (PURE): the text as a sample customer would get it, with the
 * opt-out line, its encoding, segments and price per message to US numbers. A template that
 * does not compile yet is measured as typed.
 */
import { compileTemplate, SAMPLE_VARIABLES } from "~/messaging/render/template";
import { composeSms, type ComposedSms } from "~/messaging/sms/compose";

export function liveSms(text: string, shopName: string): ComposedSms {
  let template: (vars: typeof SAMPLE_VARIABLES) => string;
  try {
    template = compileTemplate(text);
  } catch {
    template = () => text;
  }
  return composeSms(
    template,
    { ...SAMPLE_VARIABLES, shop: { ...SAMPLE_VARIABLES.shop, name: shopName } },
    { kind: "marketing", firstMessageToNumber: false, country: "US" },
  );
}
