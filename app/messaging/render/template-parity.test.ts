// The compiled fast path must print exactly what liquidjs prints, for any mix of text and
// outputs over the known variables and the filters the fast path handles.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFast, compileTemplate, compileWithLiquid, SAMPLE_VARIABLES } from "./template";
import type { TemplateVariables } from "./template";

const PATHS = ["customer.first_name", "customer.last_name", "shop.name", "shop.url", "discount_code", "checkout_url", "unsubscribe_url"];
const FILTERS = ['default: "there"', "default: 'friend'", "upcase", "downcase", "strip", "store_url"];

const output = fc
  .tuple(
    fc.oneof(fc.constantFrom(...PATHS), fc.constantFrom('"/collections/sale"', "'pages/about'")),
    fc.array(fc.constantFrom(...FILTERS), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([head, filters, spaced]) => (spaced ? `{{ ${[head, ...filters].join(" | ")} }}` : `{{${[head, ...filters].join("|")}}}`));
const literal = fc.stringMatching(/^[A-Za-z0-9 ,.!?:/\n€🎉ąś-]{0,12}$/u);
const template = fc.array(fc.oneof(output, literal), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));

const maybe = fc.option(fc.oneof(fc.constant(""), fc.constant("  padded  "), fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 '&<>-]{1,10}$/)), {
  nil: null,
});
const variables: fc.Arbitrary<TemplateVariables> = fc.record({
  customer: fc.record({ first_name: maybe, last_name: maybe }),
  shop: fc.record({
    name: fc.stringMatching(/^[A-Za-z &']{1,12}$/),
    url: fc.constantFrom("https://paws.example.com", "https://paws.example.com/"),
  }),
  discount_code: maybe,
  checkout_url: maybe,
  unsubscribe_url: fc.constant(SAMPLE_VARIABLES.unsubscribe_url),
});

describe("compileTemplate fast path", () => {
  it("takes tags to liquidjs", () => {
    expect(compileFast("{% if discount_code %}x{% endif %}")).toBeUndefined();
  });

  it("prints what liquidjs prints", () => {
    fc.assert(
      fc.property(template, variables, (text, vars) => {
        expect(compileFast(text)).toBeDefined();
        expect(compileTemplate(text)(vars)).toBe(compileWithLiquid(text)(vars));
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
