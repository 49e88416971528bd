// What SendGrid's Mail Send checks that its OpenAPI spec cannot express (content or template,
// verified sender, at most 1,000 personalizations, 10,000 bytes of substitutions each), answered
// in SendGrid's error shape; and what a recipient receives once their substitutions are applied.
// The spec types `help` as an object and `field` as a non-null string, so errors without a
// field omit it (the real service writes null) to stay within the published contract.
export interface SendGridError {
  message: string;
  field?: string;
}

export interface MailSendBody {
  personalizations?: {
    to?: { email: string; name?: string }[];
    subject?: string;
    custom_args?: Record<string, string>;
    headers?: Record<string, string>;
    substitutions?: Record<string, string>;
  }[];
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
/** "The total collective size of your substitutions may not exceed 10,000 bytes per personalization object." */
export const MAX_SUBSTITUTION_BYTES = 10_000;

function substitutionBytes(substitutions: Record<string, string>): number {
  return Object.entries(substitutions).reduce((n, [tag, value]) => n + Buffer.byteLength(tag) + Buffer.byteLength(value), 0);
}

export function checkMailSend(body: MailSendBody, verifiedSenders: readonly string[]): { status: number; errors: SendGridError[] } | null {
  const personalizations = body.personalizations ?? [];
  if (personalizations.length < 1 || personalizations.length > MAX_PERSONALIZATIONS) {
    return {
      status: 400,
      errors: [{ field: "personalizations", message: "The personalizations field must have at least one and no more than 1000 items." }],
    };
  }
  const hasContent = (body.content ?? []).some((c) => c.value.length > 0);
  if (!hasContent && !body.template_id) {
    return {
      status: 400,
      errors: [
        {
          field: "content",
          message:
            "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.",
        },
      ],
    };
  }
  if (!body.subject && !body.template_id && personalizations.some((p) => !p.subject)) {
    return {
      status: 400,
      errors: [
        {
          field: "subject",
          message:
            "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.",
        },
      ],
    };
  }
  const oversized = personalizations.findIndex(
    (p) => p.substitutions !== undefined && substitutionBytes(p.substitutions) > MAX_SUBSTITUTION_BYTES,
  );
  if (oversized !== -1) {
    return {
      status: 400,
      errors: [
        {
          field: `personalizations.${oversized}.substitutions`,
          message: "The total size of your substitutions may not exceed 10,000 bytes per personalization object.",
        },
      ],
    };
  }
  const from = body.from?.email.toLowerCase() ?? "";
  if (!verifiedSenders.map((s) => s.toLowerCase()).includes(from)) {
    return {
      status: 403,
      errors: [
        {
          field: "from",
          message:
            "The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements",
        },
      ],
    };
  }
  return null;
}

/** One recipient's mail as SendGrid sends it: their personalization's substitutions applied to the subject and every content part. */
export interface DeliveredMail {
  subject: string;
  content: { type: string; value: string }[];
}

function substitute(text: string, substitutions: Record<string, string> | undefined): string {
  if (!substitutions) return text;
  let out = text;
  for (const [tag, value] of Object.entries(substitutions)) out = out.split(tag).join(value);
  return out;
}

export function deliveredMail(body: MailSendBody, personalization: number): DeliveredMail {
  const p = body.personalizations?.[personalization];
  return {
    subject: substitute(p?.subject ?? body.subject ?? "", p?.substitutions),
    content: (body.content ?? []).map((c) => ({ type: c.type, value: substitute(c.value, p?.substitutions) })),
  };
}
