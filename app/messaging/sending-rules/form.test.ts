import { describe, expect, it } from "vitest";
import { fieldName, parseSendingRulesFields, parseTime, sendingRulesFields, sendingRulesValues } from "./form";
import { defaultSendingRules } from "./rules";

const TUESDAY = 2;
const defaults = () => sendingRulesFields(sendingRulesValues(defaultSendingRules()));
const withFields = (changes: Record<string, string | null>) => {
  const fields = defaults();
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete fields[key];
    else fields[key] = value;
  }
  return fields;
};
const errorsOf = (fields: Record<string, string>) => {
  const parsed = parseSendingRulesFields(fields);
  return parsed.ok ? {} : parsed.errors;
};

describe("sending rules form", () => {
  it("round-trips the defaults", () => {
    expect(parseSendingRulesFields(defaults())).toEqual({ ok: true, rules: defaultSendingRules() });
  });

  it("narrows: Tuesday SMS 10:00–20:00, Sunday off, two email windows, cap 2/5", () => {
    const parsed = parseSendingRulesFields(
      withFields({
        [fieldName.from("sms", TUESDAY, 0)]: "10:00",
        [fieldName.to("sms", TUESDAY, 0)]: "20:00",
        [fieldName.dayOn("sms", 0)]: null,
        [fieldName.enabled("email")]: "on",
        [fieldName.from("email", 1, 1)]: "22:00",
        [fieldName.to("email", 1, 1)]: "24:00",
        [fieldName.to("email", 1, 0)]: "12:00",
        capPer24h: "2",
        capPer7d: "5",
        attributionClickHours: "72",
        attributionDeliveryHours: "12",
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rules.quietHours.sms.weekly[TUESDAY]).toEqual([[600, 1200]]);
    expect(parsed.rules.quietHours.sms.weekly[0]).toEqual([]);
    expect(parsed.rules.quietHours.email).toMatchObject({
      enabled: true,
      weekly: expect.arrayContaining([
        [
          [480, 720],
          [1320, 1440],
        ],
      ]),
    });
    expect(parsed.rules.frequencyCap).toEqual({ per24h: 2, per7d: 5 });
    expect(parsed.rules.attribution).toEqual({ clickHours: 72, deliveryHours: 12 });
  });

  it.each<{ description: string; changes: Record<string, string | null>; expected: Record<string, string> }>([
    {
      description: "an SMS window starting before the law's earliest minute",
      changes: { [fieldName.from("sms", TUESDAY, 0)]: "07:00", [fieldName.to("sms", TUESDAY, 0)]: "20:00" },
      expected: {
        [fieldName.from("sms", TUESDAY, 0)]:
          "Tuesday SMS window 07:00–20:00 starts before 08:00, the earliest the law allows anywhere you send; it can only be narrowed",
      },
    },
    {
      description: "an SMS window ending after the law's latest minute on a Sunday",
      changes: { [fieldName.to("sms", 0, 0)]: "22:00" },
      expected: {
        [fieldName.to("sms", 0, 0)]:
          "Sunday SMS window 08:00–22:00 ends after 21:00, the latest the law allows anywhere you send; it can only be narrowed",
      },
    },
    {
      description: "a time that is not one",
      changes: { [fieldName.from("sms", 3, 0)]: "25:00", [fieldName.to("sms", 3, 0)]: "9pm" },
      expected: {
        [fieldName.from("sms", 3, 0)]: 'Wednesday SMS start "25:00" is not a time; use HH:MM from 00:00 to 23:59, e.g. 09:30',
        [fieldName.to("sms", 3, 0)]: 'Wednesday SMS end "9pm" is not a time; use HH:MM from 00:01 to 24:00, e.g. 20:00',
      },
    },
    {
      description: "a window ending before it starts",
      changes: { [fieldName.from("email", 5, 0)]: "18:00", [fieldName.to("email", 5, 0)]: "09:00" },
      expected: { [fieldName.to("email", 5, 0)]: "Friday email window 18:00–09:00 ends before it starts" },
    },
    {
      description: "overlapping windows",
      changes: {
        [fieldName.from("sms", 4, 0)]: "09:00",
        [fieldName.to("sms", 4, 0)]: "12:00",
        [fieldName.from("sms", 4, 1)]: "11:00",
        [fieldName.to("sms", 4, 1)]: "14:00",
      },
      expected: { [fieldName.from("sms", 4, 1)]: "Thursday SMS windows 09:00–12:00 and 11:00–14:00 overlap; join them or move one" },
    },
    {
      description: "a day on without times",
      changes: { [fieldName.from("sms", 6, 0)]: null, [fieldName.to("sms", 6, 0)]: null },
      expected: { [fieldName.from("sms", 6, 0)]: "Saturday SMS: enter when sending starts and stops, or turn Saturday off" },
    },
    {
      description: "a daily cap of 0",
      changes: { capPer24h: "0" },
      expected: { capPer24h: '"0" is not a whole number of messages from 1 to 10' },
    },
    {
      description: "a daily cap of 11",
      changes: { capPer24h: "11" },
      expected: { capPer24h: '"11" is not a whole number of messages from 1 to 10' },
    },
    {
      description: "a fractional weekly cap",
      changes: { capPer7d: "2.5" },
      expected: { capPer7d: '"2.5" is not a whole number of messages from 1 to 70' },
    },
    {
      description: "a week allowing less than a day",
      changes: { capPer24h: "3", capPer7d: "2" },
      expected: { capPer7d: "At most 2 a week is fewer than the 3 a day allowed; raise the weekly cap or lower the daily one" },
    },
    {
      description: "a click window over 30 days",
      changes: { attributionClickHours: "721" },
      expected: { attributionClickHours: '"721" is not a whole number of hours (1 hour to 30 days) from 1 to 720' },
    },
    {
      description: "an empty delivery window",
      changes: { attributionDeliveryHours: "" },
      expected: { attributionDeliveryHours: "Enter a whole number of hours (1 hour to 30 days) from 1 to 720" },
    },
  ])("refuses $description, naming the field", ({ changes, expected }) => {
    expect(errorsOf(withFields(changes))).toEqual(expected);
  });

  it("email windows are not held to the law (no quiet-hours law covers email)", () => {
    expect(
      errorsOf(
        withFields({
          [fieldName.enabled("email")]: "on",
          [fieldName.from("email", 1, 0)]: "06:00",
          [fieldName.to("email", 1, 0)]: "23:00",
        }),
      ),
    ).toEqual({});
  });

  it.each([
    { text: "9:30", isEnd: false, expected: 570 },
    { text: "24:00", isEnd: true, expected: 1440 },
    { text: "24:00", isEnd: false, expected: null },
    { text: "12:60", isEnd: false, expected: null },
    { text: "noon", isEnd: false, expected: null },
  ])("parseTime($text, end: $isEnd) = $expected", ({ text, isEnd, expected }) => {
    expect(parseTime(text, isEnd)).toBe(expected);
  });
});
