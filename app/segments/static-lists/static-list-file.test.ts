import { describe, expect, it } from "vitest";
import { decodeCsvFile } from "./static-list-file";

const utf8 = (text: string) => new TextEncoder().encode(text);
function utf16(text: string, bigEndian = false): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const [hi, lo] = [text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff];
    out.set(bigEndian ? [hi, lo] : [lo, hi], i * 2);
  }
  return out;
}
const UTF16 = "The file is UTF-16 text, not UTF-8: save it as “CSV UTF-8” and upload it again";

describe("decodeCsvFile", () => {
  it.each([
    { description: "UTF-8 text", bytes: utf8("email\nrené@example.com\n"), expected: { ok: true, text: "email\nrené@example.com\n" } },
    {
      description: "UTF-8 with a byte-order mark (the mark is dropped)",
      bytes: utf8("\uFEFFemail\n"),
      expected: { ok: true, text: "email\n" },
    },
    { description: "UTF-16 LE with a byte-order mark", bytes: utf16("\uFEFFemail\n"), expected: { ok: false, message: UTF16 } },
    { description: "UTF-16 BE with a byte-order mark", bytes: utf16("\uFEFFemail\n", true), expected: { ok: false, message: UTF16 } },
    {
      description: "UTF-16 LE without a byte-order mark",
      bytes: utf16("email\nada@example.com\n"),
      expected: { ok: false, message: UTF16 },
    },
    {
      description: "UTF-16 BE without a byte-order mark",
      bytes: utf16("email\nada@example.com\n", true),
      expected: { ok: false, message: UTF16 },
    },
    {
      description: "a PNG image",
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      expected: { ok: false, message: "The file is a PNG image, not a CSV text file" },
    },
    {
      description: "an .xlsx workbook",
      bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]),
      expected: { ok: false, message: "The file is a spreadsheet workbook or ZIP archive, not a CSV text file" },
    },
    {
      description: "Windows-1252 text, naming the line",
      bytes: new Uint8Array([...utf8("email\na@b.co\nren"), 0xe9, ...utf8("@b.co\n")]),
      expected: { ok: false, message: "Line 3 is not UTF-8 text: save the file as “CSV UTF-8” and upload it again" },
    },
    {
      description: "a NUL byte in UTF-8 text, naming the line",
      bytes: utf8("email\na@b.co\u0000\n"),
      expected: { ok: false, message: "Line 2 holds a NUL character" },
    },
  ])("$description", ({ bytes, expected }) => {
    expect(decodeCsvFile(bytes)).toEqual(expected);
  });
});
