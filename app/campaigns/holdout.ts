/**
 * The holdout (PURE): a customer is held out of a campaign when a hash of (campaign id, customer
 * id) falls below the share. Deterministic, so a retried start holds out the same people, and
 * independent of the audience's order or size.
 */

/** FNV-1a over the UTF-16 units, then murmur3's finaliser so nearby ids spread evenly. */
export function holdoutHash(campaignId: string, customerId: number): number {
  const text = `${campaignId}:${customerId}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Whether the customer is in the campaign's holdout of `percent` % (0 holds out no one). */
export function isHeldOut(campaignId: string, customerId: number, percent: number): boolean {
  if (percent <= 0) return false;
  return holdoutHash(campaignId, customerId) < (percent / 100) * 0x1_0000_0000;
}
