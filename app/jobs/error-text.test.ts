import { describe, expect, it } from "vitest";
import { describeError } from "./error-text";

class FakePrismaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "PrismaClientKnownRequestError";
  }
}

// What Prisma puts in front of the cause: the call site and a code frame that, from a bundled
// client, can hold a whole minified line.
const frame = (cause: string) =>
  `\nInvalid \`prisma.segmentMembership.createMany()\` invocation in\n/app/segments/segment-repository.server.ts:73:48\n\n  70 for (let i = 0;\n→ 73 await scoped.segmentMembership.createMany(${"x".repeat(5_000)}\n\n${cause}`;

describe("describeError", () => {
  it.each([
    {
      description: "a Prisma error: code and cause first, code frame dropped",
      error: new FakePrismaError(frame("Unique constraint failed on the fields: (`segmentId`,`customerId`)"), "P2002"),
      expected: "PrismaClientKnownRequestError [P2002]: Unique constraint failed on the fields: (`segmentId`,`customerId`)",
    },
    {
      description: "a parameter-limit error keeps its cause",
      error: new FakePrismaError(
        frame(
          "Assertion violation on the database: `too many bind variables in prepared statement, expected maximum of 32766, received 40000`",
        ),
        "P2029",
      ),
      expected:
        "PrismaClientKnownRequestError [P2029]: Assertion violation on the database: `too many bind variables in prepared statement, expected maximum of 32766, received 40000`",
    },
    { description: "a plain error", error: new TypeError("bad"), expected: "TypeError: bad" },
    { description: "a thrown string", error: "plain", expected: "plain" },
  ])("$description", ({ error, expected }) => {
    expect(describeError(error)).toBe(expected);
  });

  it("bounds a long message without a code frame", () => {
    expect(describeError(new Error("y".repeat(5_000))).length).toBe(2_001);
  });
});
