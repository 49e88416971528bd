import { describe, expect, it } from "vitest";
import { EmailContent, splitParagraph, validateEmailContent } from "./blocks";

describe("splitParagraph", () => {
  it.each([
    { description: "plain text", text: "Hello there", expected: [{ kind: "text", text: "Hello there" }] },
    {
      description: "a plain link",
      text: "See [our shop](https://paws.example.com).",
      expected: [
        { kind: "text", text: "See " },
        { kind: "link", label: "our shop", url: "https://paws.example.com" },
        { kind: "text", text: "." },
      ],
    },
    {
      description: "a Liquid URL with spaces and a filter",
      text: "[Sale]({{ '/collections/sale' | store_url }})",
      expected: [{ kind: "link", label: "Sale", url: "{{ '/collections/sale' | store_url }}" }],
    },
    {
      description: "a URL mixing text and Liquid",
      text: "[Code](https://x.example/{{ discount_code }}?a=1)",
      expected: [{ kind: "link", label: "Code", url: "https://x.example/{{ discount_code }}?a=1" }],
    },
    { description: "brackets that are not a link", text: "[note] (later)", expected: [{ kind: "text", text: "[note] (later)" }] },
  ])("$description", ({ text, expected }) => {
    expect(splitParagraph(text)).toEqual(expected);
  });
});

describe("validateEmailContent", () => {
  it("names the field, line and column of each error", () => {
    const content = EmailContent.parse({
      subject: "Hi {{ customer.first_name }}",
      previewText: "{{ shop.nme }}",
      blocks: [
        { type: "paragraph", text: "ok\n{{ discount }}" },
        { type: "button", label: "Go", url: "{{ checkout_url | nope }}" },
      ],
    });
    expect(validateEmailContent(content)).toEqual([
      { field: "previewText", message: 'unknown variable "shop.nme"', line: 1, column: 4 },
      { field: "blocks.0.text", message: 'unknown variable "discount"', line: 2, column: 4 },
      { field: "blocks.1.url", message: "undefined filter: nope", line: 1, column: 1 },
    ]);
  });

  it("the block format refuses unknown block types", () => {
    expect(EmailContent.safeParse({ subject: "s", previewText: "", blocks: [{ type: "video", url: "x" }] }).success).toBe(false);
  });
});
