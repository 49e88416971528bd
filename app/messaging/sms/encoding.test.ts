import { describe, expect, it } from "vitest";
import { analyzeSms, applySuggestions } from "./encoding";

const a = (n: number): string => "a".repeat(n);

describe("analyzeSms", () => {
  it.each([
    { description: "plain GSM-7", text: "Hello Alex, 10% off today!", encoding: "GSM-7", units: 26, segments: 1 },
    { description: "GSM-7 accents in the basic table", text: "Café déjà vu: Ñandù Öl Übung", encoding: "GSM-7", units: 28, segments: 1 },
    { description: "€ and [ ] count twice", text: "€5 off [today]", encoding: "GSM-7", units: 17, segments: 1 },
    { description: "exactly 160 GSM-7", text: a(160), encoding: "GSM-7", units: 160, segments: 1 },
    { description: "161 GSM-7 splits in 153s", text: a(161), encoding: "GSM-7", units: 161, segments: 2 },
    { description: "306 GSM-7 is two full segments", text: a(306), encoding: "GSM-7", units: 306, segments: 2 },
    { description: "159 characters plus € is 161 units", text: `${a(159)}€`, encoding: "GSM-7", units: 161, segments: 2 },
    { description: "80 € is 160 units, one segment", text: "€".repeat(80), encoding: "GSM-7", units: 160, segments: 1 },
    {
      description: "an escape pair is never split across segments",
      text: `${a(152)}€${a(152)}`,
      encoding: "GSM-7",
      units: 306,
      segments: 3,
    },
    { description: "exactly 70 UCS-2", text: "ą".repeat(70), encoding: "UCS-2", units: 70, segments: 1 },
    { description: "71 UCS-2 splits in 67s", text: "ą".repeat(71), encoding: "UCS-2", units: 71, segments: 2 },
    { description: "Polish letters", text: "Zażółć gęślą jaźń", encoding: "UCS-2", units: 17, segments: 1 },
    { description: "Turkish letters", text: "Şimdi %20 indirim, ığdır", encoding: "UCS-2", units: 24, segments: 1 },
    { description: "a curly apostrophe", text: "Don’t miss out", encoding: "UCS-2", units: 14, segments: 1 },
    { description: "an emoji is two UTF-16 units", text: "Sale 🎉", encoding: "UCS-2", units: 7, segments: 1 },
    { description: "69 letters and an emoji make 71 units", text: `${a(69)}🎉`, encoding: "UCS-2", units: 71, segments: 2 },
    {
      description: "a surrogate pair is never split across segments",
      text: `${a(66)}🎉${a(66)}`,
      encoding: "UCS-2",
      units: 134,
      segments: 3,
    },
  ])("$description", ({ text, encoding, units, segments }) => {
    expect(analyzeSms(text)).toMatchObject({ encoding, units, segments });
  });

  it.each([
    {
      description: "curly quotes and a long dash",
      text: "“Hi” – it’s on",
      expected: [
        ["“", 0, '"'],
        ["”", 3, '"'],
        ["–", 5, "-"],
        ["’", 9, "'"],
      ],
    },
    { description: "an ellipsis", text: "Wait…", expected: [["…", 4, "..."]] },
    {
      description: "Polish letters",
      text: "łóść",
      expected: [
        ["ł", 0, "l"],
        ["ó", 1, "o"],
        ["ś", 2, "s"],
        ["ć", 3, "c"],
      ],
    },
    {
      description: "Turkish letters",
      text: "ığŞ",
      expected: [
        ["ı", 0, "i"],
        ["ğ", 1, "g"],
        ["Ş", 2, "S"],
      ],
    },
    { description: "an emoji has no replacement", text: "Hi 🎉", expected: [["🎉", 3, null]] },
  ])("names each character forcing UCS-2: $description", ({ text, expected }) => {
    const analysis = analyzeSms(text);
    expect(analysis.ucs2Characters.map((c) => [c.char, c.index, c.suggestion])).toEqual(expected);
  });

  it("applying the suggestions brings a pasted message back to GSM-7", () => {
    const text = "Don’t miss “Summer” – zażółć…";
    const fixed = applySuggestions(text, analyzeSms(text));
    expect(fixed).toBe('Don\'t miss "Summer" - zazolc...');
    expect(analyzeSms(fixed).encoding).toBe("GSM-7");
  });

  it("GSM-7 messages name no characters", () => {
    expect(analyzeSms("[€]").ucs2Characters).toEqual([]);
  });
});
