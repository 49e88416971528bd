import { describe, expect, it } from "vitest";
import { defaultSendingRules, type SendingRules } from "./rules";
import { summarizeSendingRules } from "./summary";

const H = 60;
function rules(change: (r: SendingRules) => SendingRules): SendingRules {
  return change(defaultSendingRules());
}

describe("sending rules summary", () => {
  it.each([
    {
      description: "the defaults",
      rules: defaultSendingRules(),
      expected: [
        "Texts go out 08:00–21:00 every day in each recipient's time zone, never on public holidays.",
        "Emails go out at any hour.",
        "At most 1 message a day and 3 a week per person, texts and emails together.",
      ],
    },
    {
      description: "texts 10:00–20:00 on weekdays, 12:00–16:00 Saturday, never Sunday; emails on weekends",
      rules: rules((r) => ({
        ...r,
        quietHours: {
          sms: { ...r.quietHours.sms, weekly: [[], ...Array.from({ length: 5 }, () => [[10 * H, 20 * H] as const]), [[12 * H, 16 * H]]] },
          email: { enabled: true, skipHolidays: false, weekly: [[[9 * H, 17 * H]], [], [], [], [], [], [[9 * H, 17 * H]]] },
        },
        frequencyCap: { per24h: 2, per7d: 5 },
      })),
      expected: [
        "Texts go out 10:00–20:00 Mon–Fri and 12:00–16:00 Sat in each recipient's time zone, never on public holidays.",
        "Emails go out 09:00–17:00 Sat, Sun in each recipient's time zone.",
        "At most 2 messages a day and 5 a week per person, texts and emails together.",
      ],
    },
    {
      description: "the SMS calendar off, every email day off",
      rules: rules((r) => ({
        ...r,
        quietHours: {
          sms: { ...r.quietHours.sms, enabled: false },
          email: { enabled: true, skipHolidays: true, weekly: Array.from({ length: 7 }, () => []) },
        },
      })),
      expected: [
        "Texts go out whenever the law allows where each recipient is (08:00–21:00 in most places).",
        "Emails never go out: every day is off.",
        "At most 1 message a day and 3 a week per person, texts and emails together.",
      ],
    },
  ])("$description", ({ rules, expected }) => {
    expect(summarizeSendingRules(rules)).toEqual(expected);
  });
});
