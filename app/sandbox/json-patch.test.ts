import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "./json-patch";

describe("applyJsonPatch", () => {
  const doc = { paths: { "/a/{b}": { type: "string" } }, list: [1, 2] };

  it("tests, replaces and adds through escaped pointers without touching the original", () => {
    const patched = applyJsonPatch(doc, [
      { op: "test", path: "/paths/~1a~1{b}/type", value: "string" },
      { op: "replace", path: "/paths/~1a~1{b}/type", value: "object" },
      { op: "add", path: "/paths/~1a~1{b}/additionalProperties", value: { type: "string" } },
      { op: "add", path: "/list/-", value: 3 },
    ]);
    expect(patched).toEqual({ paths: { "/a/{b}": { type: "object", additionalProperties: { type: "string" } } }, list: [1, 2, 3] });
    expect(doc.paths["/a/{b}"].type).toBe("string");
  });

  it("stops when a test fails or a path is missing, naming the operation", () => {
    expect(() => applyJsonPatch(doc, [{ op: "test", path: "/paths/~1a~1{b}/type", value: "object" }])).toThrow(/#0 test failed/);
    expect(() => applyJsonPatch(doc, [{ op: "replace", path: "/nope/x", value: 1 }])).toThrow(/#0 .*parent path not found/);
  });

  it("applies the copied overlays to the copied specs (their test operations still hold)", async () => {
    const { loadTwilioMessagesSpec } = await import("./twilio/stand-in.server");
    const { loadMailSpec } = await import("./sendgrid/stand-in.server");
    const twilio = loadTwilioMessagesSpec();
    expect(Object.keys(twilio.paths).every((p) => p.includes("/Messages"))).toBe(true);
    expect(JSON.stringify(twilio)).toContain('"format":"uri-reference"');
    expect(JSON.stringify(loadMailSpec())).toContain('"custom_args":{"type":"object"');
  });
});
