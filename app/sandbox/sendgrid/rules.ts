// What SendGrid's Mail Send checks that its OpenAPI spec cannot express (content or template,
// verified sender, at most 1,000 personalizations), answered in SendGrid's error shape.
// The spec types `help` as an object and `field` as a non-null string, so errors without a
// field omit it (the real service writes null) to stay within the published contract.
export interface SendGridError {
  message: string;
  field?: string;
}

export interface MailSendBody {
  personalizations?: { to?: { email: string; name?: string }[]; subject?: string; custom_args?: Record<string, string>; headers?: Record<string, string> }[];
  from?: { email: string; name?: string };
  reply_to?: { email: string; name?: string };
  subject?: string;
  content?: { type: string; value: string }[];
  template_id?: string;
  headers?: Record<string, string>;
  categories?: string[];
  custom_args?: Record<string, string>;
  asm?: { group_id: number; groups_to_display?: number[] };
}

export const MAX_PERSONALIZATIONS = 1000;

export function checkMailSend(body: MailSendBody, verifiedSenders: readonly string[]): { status: number; errors: SendGridError[] } | null {
  const personalizations = body.personalizations ?? [];
  if (personalizations.length < 1 || personalizations.length > MAX_PERSONALIZATIONS) {
    return { status: 400, errors: [{ field: "personalizations", message: "The personalizations field must have at least one and no more than 1000 items." }] };
  }
  const hasContent = (body.content ?? []).some((c) => c.value.length > 0);
  if (!hasContent && !body.template_id) {
    return {
      status: 400,
      errors: [{ field: "content", message: "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required." }],
    };
  }
  if (!body.subject && !body.template_id && personalizations.some((p) => !p.subject)) {
    return { status: 400, errors: [{ field: "subject", message: "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined." }] };
  }
  const from = body.from?.email.toLowerCase() ?? "";
  if (!verifiedSenders.map((s) => s.toLowerCase()).includes(from)) {
    return {
      status: 403,
      errors: [{ field: "from", message: "The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements" }],
    };
  }
  return null;
}
