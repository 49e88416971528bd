import { describe, expect, it } from "vitest";
import { MESSAGE_EVENTS } from "~/segments/query-language/filters";
import { segmentEventOf, storedKindsOf } from "./event-kinds";

describe("segmentEventOf", () => {
  it("translates the providers' kinds into the segment vocabulary", () => {
    expect(segmentEventOf("sms.delivered")).toBe("delivered");
    expect(segmentEventOf("sms.undelivered")).toBe("failed");
    expect(segmentEventOf("email.open")).toBe("opened");
    expect(segmentEventOf("email.click")).toBe("clicked");
    expect(segmentEventOf("email.spamreport")).toBe("marked_as_spam");
    expect(segmentEventOf("email.group_unsubscribe")).toBe("unsubscribed");
    expect(segmentEventOf("email.processed")).toBe("sent");
  });

  it("keeps Flock's own kinds and drops what no segment speaks of", () => {
    expect(segmentEventOf("clicked")).toBe("clicked");
    expect(segmentEventOf("sms.inbound")).toBeNull();
    expect(segmentEventOf("sms.queued")).toBeNull();
    expect(segmentEventOf("email.deferred")).toBeNull();
  });

  it("only ever yields events the query language accepts", () => {
    const kinds = [
      "sms.sent",
      "sms.delivered",
      "sms.failed",
      "email.processed",
      "email.delivered",
      "email.open",
      "email.click",
      "email.bounce",
      "email.dropped",
      "email.spamreport",
      "email.unsubscribe",
      "clicked",
      "opened",
    ];
    for (const kind of kinds) expect(MESSAGE_EVENTS, kind).toContain(segmentEventOf(kind));
  });

  it("lists the stored kinds of an event, the inverse of segmentEventOf", () => {
    expect(storedKindsOf("clicked").sort()).toEqual(["clicked", "email.click"]);
    expect(storedKindsOf("unsubscribed").sort()).toEqual(["email.group_unsubscribe", "email.unsubscribe", "unsubscribed"]);
    for (const event of MESSAGE_EVENTS) for (const kind of storedKindsOf(event)) expect(segmentEventOf(kind)).toBe(event);
  });
});
