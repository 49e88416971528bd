import { describe, expect, it } from "vitest";
import { compileTemplate, compileWithLiquid, InvalidTemplateError, SAMPLE_VARIABLES, validateTemplate } from "./template";
import type { TemplateVariables } from "./template";

const anonymous: TemplateVariables = { ...SAMPLE_VARIABLES, customer: { first_name: null, last_name: null }, discount_code: null };

describe("validateTemplate", () => {
  it.each([
    {
      description: "every known variable and the store_url filter",
      text: 'Hi {{ customer.first_name | default: "there" }}, {{ shop.name }}: {{ discount_code }} {{ checkout_url }} {{ "/collections/sale" | store_url }} {{ unsubscribe_url }}',
      expected: [],
    },
    { description: "tags over known variables", text: "{% if discount_code %}Code {{ discount_code | upcase }}{% endif %}", expected: [] },
    {
      description: "an unknown root variable",
      text: "Hello\n  {{ customer_name }}",
      expected: [{ message: 'unknown variable "customer_name"', line: 2, column: 6 }],
    },
    {
      description: "an unknown property",
      text: "{{ customer.email }}",
      expected: [{ message: 'unknown variable "customer.email"', line: 1, column: 4 }],
    },
    { description: "an object printed whole", text: "{{ shop }}", expected: [{ message: 'unknown variable "shop"', line: 1, column: 4 }] },
    {
      description: "an unknown variable in a branch never taken",
      text: "{% if false %}{{ coupon }}{% endif %}",
      expected: [{ message: 'unknown variable "coupon"', line: 1, column: 18 }],
    },
    {
      description: "an unknown filter",
      text: "ok\n{{ shop.name | shout }}",
      expected: [{ message: "undefined filter: shout", line: 2, column: 1 }],
    },
    {
      description: "an unclosed output",
      text: "Hi {{ shop.name",
      expected: [{ message: 'output "{{ shop.name" not closed', line: 1, column: 4 }],
    },
    {
      description: "an unknown tag",
      text: "a\nb {% iff discount_code %}",
      expected: [{ message: 'tag "iff" not found', line: 2, column: 3 }],
    },
    {
      description: "an unclosed tag",
      text: "{% if discount_code %}x",
      expected: [{ message: "tag {% if discount_code %} not closed", line: 1, column: 1 }],
    },
  ])("$description", ({ text, expected }) => {
    expect(validateTemplate(text)).toEqual(expected);
  });
});

describe("compileTemplate", () => {
  it("refuses a template that does not validate, naming where", () => {
    expect(() => compileTemplate("{{ nope }}")).toThrow(InvalidTemplateError);
    expect(() => compileTemplate("{{ nope }}")).toThrow(/unknown variable "nope" at line 1, column 4/);
  });

  it.each([
    {
      description: "first name",
      text: 'Hi {{ customer.first_name | default: "there" }}!',
      variables: SAMPLE_VARIABLES,
      expected: "Hi Alex!",
    },
    {
      description: "first name fallback",
      text: 'Hi {{ customer.first_name | default: "there" }}!',
      variables: anonymous,
      expected: "Hi there!",
    },
    {
      description: "discount and checkout",
      text: "Use {{ discount_code }} at {{ checkout_url }}",
      variables: SAMPLE_VARIABLES,
      expected: "Use WELCOME10 at https://paws.example.com/checkouts/abc",
    },
    { description: "missing discount prints nothing", text: "[{{ discount_code }}]", variables: anonymous, expected: "[]" },
    {
      description: "store page link",
      text: "{{ '/collections/sale' | store_url }}",
      variables: SAMPLE_VARIABLES,
      expected: "https://paws.example.com/collections/sale",
    },
    {
      description: "filters chained",
      text: "{{ discount_code | downcase | upcase }} {{ shop.name | strip }}",
      variables: SAMPLE_VARIABLES,
      expected: "WELCOME10 Paws & Whiskers",
    },
    {
      description: "a tag (liquidjs path)",
      text: "{% if discount_code %}Code {{ discount_code }}{% else %}No code{% endif %}",
      variables: anonymous,
      expected: "No code",
    },
    {
      description: "a pipe inside a string literal (liquidjs path)",
      text: '{{ customer.first_name | default: "a|b" }}',
      variables: anonymous,
      expected: "a|b",
    },
  ])("renders $description the same as liquidjs", ({ text, variables, expected }) => {
    expect(compileTemplate(text)(variables)).toBe(expected);
    expect(compileWithLiquid(text)(variables)).toBe(expected);
  });
});
