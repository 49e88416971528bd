/**
 * An uploaded contact list's bytes as text (pure). Only UTF-8 is read: spreadsheets save CSV as
 * UTF-16 ("Unicode text") or in a legacy code page as readily as UTF-8, and decoding those as
 * UTF-8 turns every line into noise or NUL characters, which PostgreSQL text cannot hold. So a
 * file that is not UTF-8 text is refused with what it looks like and how to save it instead.
 */
export type DecodedFile = { ok: true; text: string } | { ok: false; message: string };

const SAVE_AS_UTF8 = "save the file as “CSV UTF-8” and upload it again";

/** Leading bytes of the binary files merchants pick by mistake. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  // .xlsx, .numbers and .ods are ZIP archives; .xls is an OLE compound file.
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a spreadsheet workbook or ZIP archive" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an Excel 97–2003 workbook" },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * UTF-16 without a byte-order mark: Latin text then has a NUL in every other byte. Looks at the
 * first 4 KB; a UTF-8 file with a stray NUL does not have them on one side only.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4_096 - (Math.min(bytes.length, 4_096) % 2));
  if (sample.length < 2) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenNuls++;
    else oddNuls++;
  }
  const half = sample.length / 2;
  return Math.max(evenNuls, oddNuls) >= half * 0.4 && Math.min(evenNuls, oddNuls) <= half * 0.05;
}

/** Line number (from 1) of the first line that is not valid UTF-8. */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

/** The file's text without a UTF-8 byte-order mark, or why it cannot be read as a CSV. */
export function decodeCsvFile(bytes: Uint8Array): DecodedFile {
  const binary = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (binary) return { ok: false, message: `The file is ${binary.what}, not a CSV text file` };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || looksLikeUtf16(bytes)) {
    return { ok: false, message: "The file is UTF-16 text, not UTF-8: save it as “CSV UTF-8” and upload it again" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, message: `Line ${firstInvalidLine(bytes)} is not UTF-8 text: ${SAVE_AS_UTF8}` };
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return { ok: false, message: `Line ${lineAt(text, nul)} holds a NUL character` };
  return { ok: true, text };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
