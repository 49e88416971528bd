import { describe, expect, it } from "vitest";
import { checkCalendarDate, checkTime, compareDecimal, fitsInt64, fitsUint64, formatDateValue, quoteString } from "./values";

describe("calendar checks", () => {
  it.each([
    ["2024-02-29", undefined],
    ["2023-02-29", "February 2023 has 28 days"],
    ["1900-02-29", "February 1900 has 28 days"],
    ["2000-02-29", undefined],
    ["2021-04-31", "April 2021 has 30 days"],
    ["2021-00-10", "month 00 does not exist"],
    ["0000-01-01", "the year must be 0001 or later"],
  ])("%s → %s", (date, problem) => {
    expect(checkCalendarDate(date)).toBe(problem);
  });

  it.each([
    ["00:00:00", undefined],
    ["23:59:59", undefined],
    ["24:00:00", "hours go from 00 to 23"],
    ["12:60:00", "minutes go from 00 to 59"],
    ["12:00:60", "seconds go from 00 to 59"],
  ])("time %s → %s", (time, problem) => {
    expect(checkTime(time)).toBe(problem);
  });
});

describe("numbers", () => {
  it("compares decimals exactly, beyond float precision", () => {
    expect(compareDecimal("0.1", "0.10")).toBe(0);
    expect(compareDecimal("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareDecimal("-1.5", "1")).toBe(-1);
    expect(compareDecimal("-2", "-1.99")).toBe(-1);
  });

  it("checks 64-bit ranges without converting to JS numbers", () => {
    expect(fitsInt64("9223372036854775807")).toBe(true);
    expect(fitsInt64("9223372036854775808")).toBe(false);
    expect(fitsInt64("-9223372036854775808")).toBe(true);
    expect(fitsUint64("18446744073709551615")).toBe(true);
    expect(fitsUint64("18446744073709551616")).toBe(false);
    expect(fitsUint64("-1")).toBe(false);
  });
});

describe("formatting", () => {
  it("prints offsets with an explicit sign", () => {
    expect(formatDateValue({ kind: "relative", amount: -30, unit: "d" })).toBe("-30d");
    expect(formatDateValue({ kind: "relative", amount: 0, unit: "h" })).toBe("+0h");
    expect(formatDateValue({ kind: "absolute", date: "2020-05-30", time: "16:00:00" })).toBe("2020-05-30T16:00:00");
  });

  it("escapes quotes and backslashes", () => {
    expect(quoteString("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
  });
});
