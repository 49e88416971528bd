import { describe, expect, it } from "vitest";
import { checkConsent } from "./consent";
import type { ConsentContext, MarketingState, MessageChannel, MessageKind } from "./consent";

const open: ConsentContext = { suppressed: new Set(), shopPaused: false };
const phone = "+15555550123";
const email = "ann@example.com";

describe("checkConsent", () => {
  const cases: {
    description: string;
    channel: MessageChannel;
    kind: MessageKind;
    address: string | null;
    state: MarketingState;
    context: ConsentContext;
    expected: ReturnType<typeof checkConsent>;
  }[] = [
    {
      description: "marketing SMS to a subscribed phone",
      channel: "sms",
      kind: "marketing",
      address: phone,
      state: "subscribed",
      context: open,
      expected: { ok: true },
    },
    {
      description: "marketing SMS to a phone never subscribed",
      channel: "sms",
      kind: "marketing",
      address: phone,
      state: "not_subscribed",
      context: open,
      expected: { ok: false, reason: "no_consent" },
    },
    {
      description: "marketing SMS to a pending double opt-in",
      channel: "sms",
      kind: "marketing",
      address: phone,
      state: "pending",
      context: open,
      expected: { ok: false, reason: "no_consent" },
    },
    {
      description: "marketing SMS to an unsubscribed phone",
      channel: "sms",
      kind: "marketing",
      address: phone,
      state: "unsubscribed",
      context: open,
      expected: { ok: false, reason: "no_consent" },
    },
    {
      description: "marketing email to a subscribed address",
      channel: "email",
      kind: "marketing",
      address: email,
      state: "subscribed",
      context: open,
      expected: { ok: true },
    },
    {
      description: "marketing email without consent",
      channel: "email",
      kind: "marketing",
      address: email,
      state: "not_subscribed",
      context: open,
      expected: { ok: false, reason: "no_consent" },
    },
    {
      description: "suppression wins over a subscribed state",
      channel: "sms",
      kind: "marketing",
      address: phone,
      state: "subscribed",
      context: { suppressed: new Set([phone]), shopPaused: false },
      expected: { ok: false, reason: "suppressed" },
    },
    {
      description: "suppressed email matched case-insensitively",
      channel: "email",
      kind: "marketing",
      address: "Ann@Example.com",
      state: "subscribed",
      context: { suppressed: new Set([email]), shopPaused: false },
      expected: { ok: false, reason: "suppressed" },
    },
    {
      description: "a paused shop wins over a subscribed state",
      channel: "email",
      kind: "marketing",
      address: email,
      state: "subscribed",
      context: { suppressed: new Set(), shopPaused: true },
      expected: { ok: false, reason: "paused" },
    },
    {
      description: "no phone",
      channel: "sms",
      kind: "marketing",
      address: null,
      state: "subscribed",
      context: open,
      expected: { ok: false, reason: "invalid_address" },
    },
    {
      description: "a phone not in E.164",
      channel: "sms",
      kind: "marketing",
      address: "555-0123",
      state: "subscribed",
      context: open,
      expected: { ok: false, reason: "invalid_address" },
    },
    {
      description: "a malformed email",
      channel: "email",
      kind: "marketing",
      address: "ann@",
      state: "subscribed",
      context: open,
      expected: { ok: false, reason: "invalid_address" },
    },
    {
      description: "a double opt-in confirmation needs no marketing consent",
      channel: "sms",
      kind: "transactional",
      address: phone,
      state: "pending",
      context: open,
      expected: { ok: true },
    },
    {
      description: "a transactional message is not held by a paused shop",
      channel: "sms",
      kind: "transactional",
      address: phone,
      state: "not_subscribed",
      context: { suppressed: new Set(), shopPaused: true },
      expected: { ok: true },
    },
    {
      description: "a transactional message is stopped by suppression",
      channel: "sms",
      kind: "transactional",
      address: phone,
      state: "pending",
      context: { suppressed: new Set([phone]), shopPaused: false },
      expected: { ok: false, reason: "suppressed" },
    },
    {
      description: "a HELP reply goes even to a suppressed number",
      channel: "sms",
      kind: "help_reply",
      address: phone,
      state: "unsubscribed",
      context: { suppressed: new Set([phone]), shopPaused: true },
      expected: { ok: true },
    },
  ];
  it.each(cases)("$description", ({ channel, kind, address, state, context, expected }) => {
    expect(checkConsent(channel, kind, { address, marketingState: state }, context)).toEqual(expected);
  });
});
