import { describe, expect, it } from "vitest";
import { applyInbound, classifyInbound } from "./keywords";
import type { InboundIntent, InboundNumberState } from "./keywords";

describe("classifyInbound", () => {
  const cases: [string, InboundIntent][] = [
    ["STOP", "opt_out"],
    ["stop", "opt_out"],
    ["Stop.", "opt_out"],
    ["STOP!!!", "opt_out"],
    [" stop ", "opt_out"],
    ["STOP ALL", "opt_out"],
    ["STOPALL", "opt_out"],
    ["Unsubscribe", "opt_out"],
    ["cancel", "opt_out"],
    ["End", "opt_out"],
    ["quit", "opt_out"],
    ["REVOKE", "opt_out"],
    ["opt out", "opt_out"],
    ["Opt-out", "opt_out"],
    ["OPTOUT", "opt_out"],
    ["Stop please", "opt_out"],
    ["please stop", "opt_out"],
    ["Please STOP texting me, thanks", "opt_out"],
    ["stop sending me these messages", "opt_out"],
    ["I want to unsubscribe", "opt_out"],
    ["How do I unsubscribe from this?", "opt_out"],
    ["remove me from your list", "opt_out"],
    ["Take me off this list", "opt_out"],
    ["Don't text me again", "opt_out"],
    ["do not contact me", "opt_out"],
    ["leave me alone", "opt_out"],
    ["Don't stop sending me deals", "none"],
    ["never unsubscribe me", "none"],
    ["When does the sale end?", "none"],
    ["Cancel my order 1234", "none"],
    ["I can't stop buying your treats", "none"],
    ["START", "opt_in"],
    ["unstop", "opt_in"],
    ["Start please", "opt_in"],
    ["Start the party", "none"],
    ["Y", "confirm"],
    ["yes", "confirm"],
    ["YES!", "confirm"],
    ["Yes please", "confirm"],
    ["yes but what is this", "none"],
    ["HELP", "help"],
    ["info", "help"],
    ["Help?", "help"],
    ["help me find my order", "none"],
    ["Thanks!", "none"],
    ["", "none"],
    ["🐶", "none"],
  ];
  it.each(cases)("%j → %s", (text, expected) => {
    expect(classifyInbound(text)).toBe(expected);
  });
});

describe("applyInbound", () => {
  const subscribed: InboundNumberState = { known: true, marketingState: "subscribed", stoppedByKeyword: false };
  const stopped: InboundNumberState = { known: true, marketingState: "unsubscribed", stoppedByKeyword: true };
  const unsubscribedElsewhere: InboundNumberState = { known: true, marketingState: "unsubscribed", stoppedByKeyword: false };
  const pending: InboundNumberState = { known: true, marketingState: "pending", stoppedByKeyword: false };
  const neverAsked: InboundNumberState = { known: true, marketingState: "not_subscribed", stoppedByKeyword: false };
  const unknown: InboundNumberState = { known: false, marketingState: "not_subscribed", stoppedByKeyword: false };
  const answer = { providerAnsweredHelp: false };

  it.each([
    {
      description: "STOP from a subscriber opts out and suppresses",
      state: subscribed,
      text: "stop",
      options: answer,
      expected: { action: "opt_out", marketingState: "unsubscribed", suppress: true },
    },
    {
      description: "STOP from an unknown number still suppresses it",
      state: unknown,
      text: "STOP",
      options: answer,
      expected: { action: "opt_out", marketingState: "unsubscribed", suppress: true },
    },
    {
      description: "START after a STOP opts back in",
      state: stopped,
      text: "START",
      options: answer,
      expected: { action: "opt_in", marketingState: "subscribed", unsuppress: true },
    },
    {
      description: "START does not undo an unsubscribe made elsewhere",
      state: unsubscribedElsewhere,
      text: "START",
      options: answer,
      expected: { action: "none" },
    },
    {
      description: "START does not create consent that was never given",
      state: neverAsked,
      text: "UNSTOP",
      options: answer,
      expected: { action: "none" },
    },
    {
      description: "START from an unknown number does nothing",
      state: { ...stopped, known: false },
      text: "START",
      options: answer,
      expected: { action: "none" },
    },
    {
      description: "YES confirms a pending double opt-in",
      state: pending,
      text: "Yes",
      options: answer,
      expected: { action: "confirm", marketingState: "subscribed" },
    },
    {
      description: "YES without a pending opt-in does nothing",
      state: neverAsked,
      text: "Y",
      options: answer,
      expected: { action: "none" },
    },
    {
      description: "YES from an unknown number does nothing",
      state: { ...pending, known: false },
      text: "YES",
      options: answer,
      expected: { action: "none" },
    },
    { description: "HELP is answered", state: subscribed, text: "help", options: answer, expected: { action: "help", reply: true } },
    {
      description: "HELP already answered by the provider is not answered twice",
      state: subscribed,
      text: "INFO",
      options: { providerAnsweredHelp: true },
      expected: { action: "help", reply: false },
    },
    {
      description: "anything else does nothing",
      state: subscribed,
      text: "love the new collar!",
      options: answer,
      expected: { action: "none" },
    },
  ])("$description", ({ state, text, options, expected }) => {
    expect(applyInbound(state, text, options)).toEqual(expected);
  });
});
