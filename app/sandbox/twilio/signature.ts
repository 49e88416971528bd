// X-Twilio-Signature as Twilio computes it: base64(HMAC-SHA1(authToken, url + each POST param
// name followed by its value, names sorted)). Written from the documented algorithm rather than
// with the SDK, so the app's check (twilio.validateRequest) is tested against an independent
// signer. https://www.twilio.com/docs/usage/security#validating-requests
import { createHmac } from "node:crypto";

export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}
