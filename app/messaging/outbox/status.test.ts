import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advance, OUTBOX_STATES, stateFromSendGridEvent, stateFromTwilioStatus, type OutboxState } from "./status";

const inOrder = (events: OutboxState[], start: OutboxState = "sending") => events.reduce(advance, start);

describe("advance", () => {
  it.each([
    { description: "delivered after sent", current: "sent", incoming: "delivered", expected: "delivered" },
    { description: "a late sent does not undo delivered", current: "delivered", incoming: "sent", expected: "delivered" },
    { description: "a duplicate changes nothing", current: "delivered", incoming: "delivered", expected: "delivered" },
    { description: "a bounce after delivered is the later truth", current: "delivered", incoming: "undelivered", expected: "undelivered" },
    { description: "a provider record settles an unknown attempt", current: "unknown", incoming: "sent", expected: "sent" },
    { description: "nothing follows skipped", current: "skipped", incoming: "delivered", expected: "skipped" },
    { description: "a queued callback does not reopen a sent row", current: "sent", incoming: "sending", expected: "sent" },
  ] satisfies { description: string; current: OutboxState; incoming: OutboxState; expected: OutboxState }[])(
    "$description",
    ({ current, incoming, expected }) => {
      expect(advance(current, incoming)).toBe(expected);
    },
  );

  it("gives the same final state for any interleaving of duplicated and reordered callbacks", () => {
    const state = fc.constantFrom(...OUTBOX_STATES);
    fc.assert(
      fc.property(
        fc.array(state, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat(),
        (events, duplicates, seed) => {
          // GIVEN the callbacks in order, and the same callbacks with some repeated and all shuffled
          const delivered = [...events, ...duplicates.map((i) => events[i % events.length] as OutboxState)];
          const shuffled =
            fc.sample(fc.shuffledSubarray(delivered, { minLength: delivered.length, maxLength: delivered.length }), {
              seed,
              numRuns: 1,
            })[0] ?? delivered;
          // THEN both end in the same state
          expect(inOrder(shuffled)).toBe(inOrder(events));
        },
      ),
      { seed: 20261206, numRuns: 500 },
    );
  });
});

describe("provider words", () => {
  it.each([
    ["queued", "sending"],
    ["sent", "sent"],
    ["delivered", "delivered"],
    ["undelivered", "undelivered"],
    ["failed", "failed"],
    ["receiving", null],
  ] as const)("Twilio %s → %s", (status, expected) => {
    expect(stateFromTwilioStatus(status)).toBe(expected);
  });

  it.each([
    ["processed", "sent"],
    ["delivered", "delivered"],
    ["bounce", "undelivered"],
    ["dropped", "failed"],
    ["open", null],
    ["deferred", null],
  ] as const)("SendGrid %s → %s", (event, expected) => {
    expect(stateFromSendGridEvent(event)).toBe(expected);
  });
});
