import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AttributionWindows,
  chooseTouch,
  DEFAULT_ATTRIBUTION_WINDOWS,
  qualifies,
  touchKindOf,
  windowHoursOf,
  type Touch,
  type TouchChannel,
  type TouchKind,
} from "./attribute";

const H = 3_600_000;
const orderAt = new Date("2026-12-07T15:00:00Z");
const before = (hours: number, kind: TouchKind, channel: TouchChannel, id = `m-${kind}-${channel}-${hours}`): Touch => ({
  outboxMessageId: id,
  channel,
  kind,
  at: new Date(orderAt.getTime() - hours * H),
});
const W = DEFAULT_ATTRIBUTION_WINDOWS;

describe("chooseTouch", () => {
  it.each([
    {
      description: "a click 6 days before: attributed",
      touches: [before(144, "clicked", "SMS")],
      windows: W,
      expected: "m-clicked-SMS-144",
    },
    { description: "a click 8 days before: not", touches: [before(192, "clicked", "SMS")], windows: W, expected: null },
    {
      description: "a click exactly 7 days before: attributed (inclusive)",
      touches: [before(168, "clicked", "EMAIL")],
      windows: W,
      expected: "m-clicked-EMAIL-168",
    },
    {
      description: "an SMS delivered 20 h before: attributed",
      touches: [before(20, "delivered", "SMS")],
      windows: W,
      expected: "m-delivered-SMS-20",
    },
    { description: "an SMS delivered 30 h before: not", touches: [before(30, "delivered", "SMS")], windows: W, expected: null },
    {
      description: "an email opened 20 h before: attributed",
      touches: [before(20, "opened", "EMAIL")],
      windows: W,
      expected: "m-opened-EMAIL-20",
    },
    { description: "an email delivered 1 h before: no touch", touches: [before(1, "delivered", "EMAIL")], windows: W, expected: null },
    { description: "a touch after the order: not", touches: [before(-1, "clicked", "SMS")], windows: W, expected: null },
    {
      description: "a touch at the order's instant: attributed",
      touches: [before(0, "clicked", "SMS")],
      windows: W,
      expected: "m-clicked-SMS-0",
    },
    {
      description: "the latest touch wins: an SMS delivery 1 h before over a click 3 days before",
      touches: [before(72, "clicked", "EMAIL"), before(1, "delivered", "SMS")],
      windows: W,
      expected: "m-delivered-SMS-1",
    },
    {
      description: "the latest touch wins: a click 1 h before over a delivery 2 h before",
      touches: [before(2, "delivered", "SMS"), before(1, "clicked", "SMS")],
      windows: W,
      expected: "m-clicked-SMS-1",
    },
    {
      description: "a later touch outside its window loses to an older click inside its own",
      touches: [before(100, "clicked", "SMS"), before(30, "opened", "EMAIL")],
      windows: W,
      expected: "m-clicked-SMS-100",
    },
    {
      description: "at the same instant a click beats a delivery",
      touches: [before(5, "delivered", "SMS", "b"), before(5, "clicked", "SMS", "a")],
      windows: W,
      expected: "a",
    },
    {
      description: "the shop's own windows: a 2 h click window",
      touches: [before(3, "clicked", "SMS")],
      windows: { clickHours: 2, deliveryHours: 24 },
      expected: null,
    },
    {
      description: "the shop's own windows: a 48 h delivery window",
      touches: [before(30, "delivered", "SMS")],
      windows: { clickHours: 168, deliveryHours: 48 },
      expected: "m-delivered-SMS-30",
    },
  ])("$description", ({ touches, windows, expected }) => {
    expect(chooseTouch(orderAt, touches, windows)?.outboxMessageId ?? null).toBe(expected);
  });
});

describe("touchKindOf", () => {
  it.each([
    ["clicked", "clicked"],
    ["email.click", "clicked"],
    ["delivered", "delivered"],
    ["sms.delivered", "delivered"],
    ["email.delivered", "delivered"],
    ["opened", "opened"],
    ["email.open", "opened"],
    ["sms.sent", null],
    ["email.bounce", null],
    ["toString", null],
  ] as const)("%s → %s", (kind, expected) => {
    expect(touchKindOf(kind)).toBe(expected);
  });
});

describe("AttributionWindows", () => {
  it("refuses negative or fractional hours, naming the field", () => {
    const result = AttributionWindows.safeParse({ clickHours: -1, deliveryHours: 1.5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["clickHours", "deliveryHours"]);
  });
});

const DAY_MS = 24 * H;
const touchArb: fc.Arbitrary<Touch> = fc.record({
  outboxMessageId: fc.constantFrom("a", "b", "c", "d"),
  channel: fc.constantFrom<TouchChannel>("SMS", "EMAIL"),
  kind: fc.constantFrom<TouchKind>("clicked", "delivered", "opened"),
  // From 10 days before the order to 2 days after, whole minutes so ties happen.
  at: fc.integer({ min: -10 * 24 * 60, max: 2 * 24 * 60 }).map((m) => new Date(orderAt.getTime() + m * 60_000)),
});
const windowsArb = fc.record({ clickHours: fc.integer({ min: 0, max: 240 }), deliveryHours: fc.integer({ min: 0, max: 72 }) });

describe("chooseTouch properties", () => {
  it("never picks a touch after the order or outside its window", () => {
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 12 }), windowsArb, (touches, windows) => {
        const chosen = chooseTouch(orderAt, touches, windows);
        if (chosen === null) return;
        const hours = windowHoursOf(chosen, windows);
        expect(hours).not.toBeNull();
        expect(chosen.at.getTime()).toBeLessThanOrEqual(orderAt.getTime());
        expect(orderAt.getTime() - chosen.at.getTime()).toBeLessThanOrEqual((hours ?? 0) * H);
      }),
    );
  });

  it("picks the latest qualifying touch, and finds one whenever one qualifies", () => {
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 12 }), windowsArb, (touches, windows) => {
        const chosen = chooseTouch(orderAt, touches, windows);
        const qualifying = touches.filter((t) => qualifies(t, orderAt, windows));
        expect(chosen === null).toBe(qualifying.length === 0);
        for (const t of qualifying) expect(t.at.getTime()).toBeLessThanOrEqual(chosen?.at.getTime() ?? -Infinity);
      }),
    );
  });

  it("adding a non-qualifying touch changes nothing", () => {
    const nonQualifying = fc.oneof(
      fc
        .integer({ min: 1, max: 3 * DAY_MS })
        .map((ms) => ({ outboxMessageId: "z", channel: "SMS" as const, kind: "clicked" as const, at: new Date(orderAt.getTime() + ms) })),
      fc.integer({ min: 0, max: DAY_MS }).map((ms) => ({
        outboxMessageId: "z",
        channel: "EMAIL" as const,
        kind: "delivered" as const,
        at: new Date(orderAt.getTime() - ms),
      })),
      fc.integer({ min: 1, max: DAY_MS }).map((ms) => ({
        outboxMessageId: "z",
        channel: "SMS" as const,
        kind: "delivered" as const,
        at: new Date(orderAt.getTime() - 73 * H - ms),
      })),
      fc.integer({ min: 1, max: DAY_MS }).map((ms) => ({
        outboxMessageId: "z",
        channel: "SMS" as const,
        kind: "clicked" as const,
        at: new Date(orderAt.getTime() - 241 * H - ms),
      })),
    );
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 12 }), windowsArb, nonQualifying, fc.nat(), (touches, windows, extra, position) => {
        expect(qualifies(extra, orderAt, windows)).toBe(false);
        const withExtra = [...touches];
        withExtra.splice(position % (touches.length + 1), 0, extra);
        expect(chooseTouch(orderAt, withExtra, windows)).toBe(chooseTouch(orderAt, touches, windows));
      }),
    );
  });

  it("does not depend on the order the touches are listed in", () => {
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 12 }), windowsArb, (touches, windows) => {
        const a = chooseTouch(orderAt, touches, windows);
        const b = chooseTouch(orderAt, [...touches].reverse(), windows);
        expect(a === null ? null : { ...a }).toEqual(b === null ? null : { ...b });
      }),
    );
  });
});
