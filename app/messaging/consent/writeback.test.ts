// The consent.writeback job refuses a payload it cannot trust before touching anything.
import { describe, expect, it } from "vitest";
import { consentWritebackHandler } from "./writeback.server";

describe("consent.writeback payload", () => {
  it.each([[{}], [{ changeId: "7" }], [{ changeId: -1 }], [{ changeId: 1.5 }]])("%j is refused with the field named", async (payload) => {
    let depsAsked = false;
    const handler = consentWritebackHandler(() => {
      depsAsked = true;
      throw new Error("deps must not be needed");
    });
    await expect(
      handler({ id: "j1", name: "consent.writeback", payload, attempt: 1, signal: new AbortController().signal }),
    ).rejects.toThrow(/consent\.writeback payload: changeId/);
    expect(depsAsked).toBe(false);
  });
});
