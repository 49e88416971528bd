import { describe, expect, it } from "vitest";
import { decodeAttribute, splitTextLinks } from "./find-links";

describe("splitTextLinks", () => {
  it("cuts a message into text and links, punctuation outside the links", () => {
    expect(splitTextLinks("Sale: https://flock.test/l/ABCDEFGHIJKL. Or (https://x.example.com/a)\nReply STOP")).toEqual([
      { kind: "text", text: "Sale: " },
      { kind: "link", url: "https://flock.test/l/ABCDEFGHIJKL" },
      { kind: "text", text: ". Or (" },
      { kind: "link", url: "https://x.example.com/a" },
      { kind: "text", text: ")\nReply STOP" },
    ]);
  });

  it("leaves text without http(s) links whole", () => {
    expect(splitTextLinks("mail a@b.example or javascript:alert(1)")).toEqual([
      { kind: "text", text: "mail a@b.example or javascript:alert(1)" },
    ]);
    expect(splitTextLinks("")).toEqual([]);
  });
});

describe("decodeAttribute", () => {
  it.each([
    { raw: "https://x.example.com/?a=1&amp;b=2", expected: "https://x.example.com/?a=1&b=2" },
    { raw: "https://x.example.com/?q=&quot;a&#39;&#x26;", expected: "https://x.example.com/?q=\"a'&" },
    { raw: "https://x.example.com/?u=&unknown;&#0;", expected: "https://x.example.com/?u=&unknown;&#0;" },
  ])("$raw", ({ raw, expected }) => {
    expect(decodeAttribute(raw)).toBe(expected);
  });
});
