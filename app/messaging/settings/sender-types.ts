// What each Twilio sender type allows (US/Canada carrier rules), shown beside the choice in
// Settings and used to check the sender's shape. Sources: twilio.com/docs/messaging/compliance/a2p-10dlc,
// /docs/messaging/compliance/toll-free/console-onboarding, /docs/messaging/channels/sms/short-codes,
// /docs/messaging/guides/alphanumeric-sender-id.
export const SENDER_TYPES = ["10dlc", "toll-free", "short-code", "alphanumeric"] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

export const SENDER_TYPE_INFO: Record<SenderType, { label: string; allows: string; registration: string }> = {
  "10dlc": {
    label: "10DLC (local number)",
    allows:
      "US local number; marketing allowed once the A2P 10DLC brand and campaign are approved; throughput set by the brand's trust score.",
    registration: "A2P 10DLC brand and campaign registration",
  },
  "toll-free": {
    label: "Toll-free",
    allows: "US/Canada toll-free number (8XX); marketing allowed after toll-free verification; unverified numbers are blocked by carriers.",
    registration: "Toll-free verification",
  },
  "short-code": {
    label: "Short code",
    allows: "5–6 digit number; highest throughput; each program approved by the carriers before use.",
    registration: "Short code application approved by the carriers",
  },
  alphanumeric: {
    label: "Alphanumeric sender ID",
    allows:
      "A name such as PAWS (1–11 letters and digits); one-way only (nobody can reply STOP or HELP); not allowed to US or Canadian numbers.",
    registration: "Country-specific pre-registration where required",
  },
};

const E164 = /^\+[1-9]\d{6,14}$/;
const MESSAGING_SERVICE = /^MG[0-9a-fA-F]{32}$/;
const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;

/** Null when `sender` fits `type`, otherwise what is wrong with it. */
export function senderProblem(type: SenderType, sender: string): string | null {
  if (MESSAGING_SERVICE.test(sender)) return null;
  switch (type) {
    case "10dlc":
      return /^\+1\d{10}$/.test(sender)
        ? null
        : "A 10DLC sender is a US number in E.164 (+1 and 10 digits) or a Messaging Service SID (MG…)";
    case "toll-free":
      return TOLL_FREE.test(sender)
        ? null
        : "A toll-free sender is +1 followed by 800, 833, 844, 855, 866, 877 or 888 and 7 digits, or a Messaging Service SID";
    case "short-code":
      return /^\d{5,6}$/.test(sender) ? null : "A short code is 5 or 6 digits";
    case "alphanumeric":
      return /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(sender)
        ? null
        : "An alphanumeric sender ID is 1–11 letters, digits or spaces with at least one letter";
  }
}

export function isPhoneSender(sender: string): boolean {
  return E164.test(sender);
}
