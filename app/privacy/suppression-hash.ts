// PURE: the key a Suppression row is stored under. Only a keyed hash of the normalised address
// is kept, so after customers/redact erases the address an opted-out person stays opted out
// (DESIGN: messaging rules) while the list itself names nobody. The key is derived from the
// deployment secret (FLOCK_ENCRYPTION_KEY) and the shop is part of the message, so hashes
// cannot be compared across deployments or shops, nor reversed by hashing a phone book
// without the secret. The messaging dispatcher must compute the same hash to check the list.
import { createHmac } from "node:crypto";

export type SuppressionChannel = "SMS" | "EMAIL";

/** Emails compare case-insensitively; phones by their digits (E.164 without formatting). */
export function normaliseAddress(channel: SuppressionChannel, address: string): string {
  if (channel === "EMAIL") return address.trim().toLowerCase();
  const digits = address.replace(/[^0-9]/g, "");
  return address.trim().startsWith("+") ? `+${digits}` : digits;
}

// The derived key per secret: the dispatcher hashes every recipient of every batch.
const derivedKeys = new WeakMap<Buffer, Buffer>();

export function suppressionHash(secret: Buffer, shop: string, channel: SuppressionChannel, address: string): string {
  let key = derivedKeys.get(secret);
  if (!key) derivedKeys.set(secret, (key = createHmac("sha256", secret).update("flock:suppression:v1").digest()));
  return createHmac("sha256", key)
    .update(`${shop}\n${channel}\n${normaliseAddress(channel, address)}`)
    .digest("base64url");
}
