import { describe, expect, it } from "vitest";
import { SHOPIFY_HELP, SHOPIFY_REFERENCE } from "./filters";
import { MAX_NESTING, parseSegmentQuery } from "./parser";
import { printSegmentQuery } from "./printer";
import { SegmentQuery, stripPositions, type Clause } from "./tree";

const DEV = SHOPIFY_REFERENCE;
const HELP = SHOPIFY_HELP;
const FLOCK = "docs/SEGMENTS.md";

function parse(query: string): SegmentQuery {
  const result = parseSegmentQuery(query);
  if (!result.ok) throw new Error(result.error.message);
  return result.tree;
}

function clause(query: string): Clause {
  const tree = parse(query);
  if (tree.type !== "clause") throw new Error(`expected a single clause, got ${tree.type}`);
  return tree;
}

describe("operators", () => {
  // One example per operator; `condition` is the expected condition without positions.
  it.each([
    {
      operator: "=",
      query: "number_of_orders = 10",
      condition: { op: "compare", operator: "=", value: { type: "number", value: "10" } },
      source: DEV,
    },
    {
      operator: "!=",
      query: "amount_spent != 10.99",
      condition: { op: "compare", operator: "!=", value: { type: "number", value: "10.99" } },
      source: DEV,
    },
    {
      operator: ">",
      query: "last_order_date > 2020-05-30",
      condition: { op: "compare", operator: ">", value: { type: "date", value: { kind: "absolute", date: "2020-05-30" } } },
      source: DEV,
    },
    {
      operator: ">=",
      query: "last_order_date >= -2w",
      condition: { op: "compare", operator: ">=", value: { type: "date", value: { kind: "relative", amount: -2, unit: "w" } } },
      source: DEV,
    },
    {
      operator: "<",
      query: "last_order_date < -1y",
      condition: { op: "compare", operator: "<", value: { type: "date", value: { kind: "relative", amount: -1, unit: "y" } } },
      source: DEV,
    },
    {
      operator: "<=",
      query: "amount_spent <= 10.99",
      condition: { op: "compare", operator: "<=", value: { type: "number", value: "10.99" } },
      source: DEV,
    },
    {
      operator: "BETWEEN",
      query: "last_order_date BETWEEN 2021-01-01 AND today",
      condition: {
        op: "between",
        from: { type: "date", value: { kind: "absolute", date: "2021-01-01" } },
        to: { type: "date", value: { kind: "today" } },
      },
      source: DEV,
    },
    {
      operator: "CONTAINS",
      query: "customer_tags CONTAINS 'vip'",
      condition: { op: "contains", negated: false, value: { type: "string", value: "vip" } },
      source: DEV,
    },
    {
      operator: "NOT CONTAINS",
      query: "customer_tags NOT CONTAINS 'vip'",
      condition: { op: "contains", negated: true, value: { type: "string", value: "vip" } },
      source: DEV,
    },
    { operator: "IS NULL", query: "last_order_date IS NULL", condition: { op: "null", negated: false }, source: HELP },
    { operator: "IS NOT NULL", query: "abandoned_checkout_date IS NOT NULL", condition: { op: "null", negated: true }, source: HELP },
    {
      operator: "MATCHES",
      query: "products_purchased MATCHES (tag = 'Sports wear')",
      condition: {
        op: "matches",
        negated: false,
        params: [{ name: "tag", condition: { op: "compare", operator: "=", value: { type: "string", value: "Sports wear" } } }],
      },
      source: DEV,
    },
    {
      operator: "NOT MATCHES",
      query: "products_purchased NOT MATCHES ()",
      condition: { op: "matches", negated: true, params: [] },
      source: DEV,
    },
    {
      operator: "IN",
      query: "messages MATCHES (event IN ('opened', 'clicked'))",
      condition: {
        op: "matches",
        negated: false,
        params: [
          {
            name: "event",
            condition: {
              op: "in",
              negated: false,
              values: [
                { type: "string", value: "opened" },
                { type: "string", value: "clicked" },
              ],
            },
          },
        ],
      },
      source: FLOCK,
    },
    {
      operator: "NOT IN",
      query: "products_purchased MATCHES (id NOT IN (1012132033639))",
      condition: {
        op: "matches",
        negated: false,
        params: [{ name: "id", condition: { op: "in", negated: true, values: [{ type: "id", value: "1012132033639" }] } }],
      },
      source: DEV,
    },
  ])("$operator ($source)", ({ query, condition }) => {
    // GIVEN a clause using the operator WHEN parsed THEN the condition is typed as documented
    expect(stripPositions(clause(query))).toMatchObject({ condition });
    expect(printSegmentQuery(parse(query))).toBe(query);
  });

  it("parses the deprecated call form (source: shopify.dev reference)", () => {
    expect(stripPositions(clause("products_purchased(id: 1012132033639) = true"))).toEqual({
      type: "clause",
      filter: "products_purchased",
      args: [{ name: "id", value: { type: "id", value: "1012132033639" } }],
      condition: { op: "compare", operator: "=", value: { type: "boolean", value: true } },
    });
    expect(printSegmentQuery(parse("shopify_email.opened( date : -30d ) = FALSE"))).toBe("shopify_email.opened(date: -30d) = false");
    expect(printSegmentQuery(parse("anniversary ('metafields.facts.birth_date') = today"))).toBe(
      "anniversary('metafields.facts.birth_date') = today",
    );
    expect(printSegmentQuery(parse("anniversary(date: 'birthdate') = today"))).toBe("anniversary(date: 'birthdate') = today");
  });
});

describe("values", () => {
  it("keeps 64-bit ids as exact strings", () => {
    const tree = clause("products_purchased MATCHES (id = 18446744073709551615)");
    expect(JSON.stringify(tree)).toContain('"value":"18446744073709551615"');
  });

  it.each([
    ["last_order_date = 7_days_ago", "last_order_date = -7d"],
    ["last_order_date >= 30_days_ago", "last_order_date >= -30d"],
    ["last_order_date >= 90_days_ago", "last_order_date >= -90d"],
    ["last_order_date >= 12_months_ago", "last_order_date >= -12m"],
    ["last_order_date <= +30d", "last_order_date <= +30d"],
    ["abandoned_checkouts MATCHES (date > -6h)", "abandoned_checkouts MATCHES (date > -6h)"],
    ["last_order_date = TODAY", "last_order_date = today"],
    ["last_order_date > 2024-02-29T23:59:59", "last_order_date > 2024-02-29T23:59:59"],
    ["amount_spent > +5", "amount_spent > 5"],
    ["customer_tags CONTAINS 'it\\'s a \\\\ test'", "customer_tags CONTAINS 'it\\'s a \\\\ test'"],
    ["customer_email_domain = ''", "customer_email_domain = ''"],
  ])("%s prints as %s", (input, printed) => {
    expect(printSegmentQuery(parse(input))).toBe(printed);
  });

  it("normalises deprecated named dates to offsets and unescapes strings", () => {
    expect(clause("last_order_date >= 30_days_ago").condition).toEqual({
      op: "compare",
      operator: ">=",
      value: { type: "date", value: { kind: "relative", amount: -30, unit: "d" } },
    });
    expect(clause("customer_tags CONTAINS 'it\\'s'").condition).toMatchObject({ value: { type: "string", value: "it's" } });
  });
});

describe("structure", () => {
  it("binds AND tighter than OR (source: shopify.dev reference, grouped clauses)", () => {
    const tree = stripPositions(
      parse("email_subscription_status = 'SUBSCRIBED' AND customer_countries CONTAINS 'CA' OR amount_spent > 999.99"),
    );
    expect(tree.type).toBe("or");
    if (tree.type !== "or") return;
    expect(tree.children.map((c) => c.type)).toEqual(["and", "clause"]);
    expect(tree).toEqual(
      stripPositions(parse("(email_subscription_status = 'SUBSCRIBED' AND customer_countries CONTAINS 'CA') OR amount_spent > 999.99")),
    );
  });

  it("flattens nested groups of the same connective and drops redundant parentheses", () => {
    const tree = stripPositions(parse("amount_spent > 1 AND ((number_of_orders > 2 AND (customer_tags CONTAINS 'a')))"));
    expect(tree.type).toBe("and");
    if (tree.type === "and") expect(tree.children).toHaveLength(3);
    expect(printSegmentQuery(tree)).toBe("amount_spent > 1 AND number_of_orders > 2 AND customer_tags CONTAINS 'a'");
  });

  it("keeps parentheses that change precedence", () => {
    const query = "email_subscription_status = 'SUBSCRIBED' AND (customer_countries CONTAINS 'CA' OR amount_spent > 999.99)";
    expect(printSegmentQuery(parse(query))).toBe(query);
  });

  it("accepts keywords in any case and any spacing", () => {
    const messy =
      "  customer_tags   contains 'vip'\n\tand\tlast_order_date   between -30d and   today or products_purchased not matches(  )  ";
    expect(printSegmentQuery(parse(messy))).toBe(
      "customer_tags CONTAINS 'vip' AND last_order_date BETWEEN -30d AND today OR products_purchased NOT MATCHES ()",
    );
    expect(printSegmentQuery(parse("products_purchased NOT_MATCHES (id = 1)"))).toBe("products_purchased NOT MATCHES (id = 1)");
  });

  it("has no 10-clause limit", () => {
    const countries = ["CA", "FR", "MX", "AU", "AX", "AZ", "FI", "BE", "TH", "ES", "BR", "DE"];
    const tree = parse(countries.map((c) => `customer_countries CONTAINS '${c}'`).join(" OR "));
    expect(tree.type === "or" ? tree.children.length : 0).toBe(12);
  });

  it("records 1-based positions for clauses and parameters", () => {
    const tree = parse("amount_spent > 1 OR\n  orders_placed MATCHES (count > 2)");
    expect(tree.type).toBe("or");
    if (tree.type !== "or") return;
    const second = tree.children[1];
    expect(second?.pos).toEqual({ line: 2, column: 3, offset: 22 });
    if (second?.type === "clause" && second.condition.op === "matches") {
      expect(second.condition.params[0]?.pos).toEqual({ line: 2, column: 26, offset: 45 });
    }
  });

  it("produces trees that satisfy the zod schema", () => {
    const tree = parse(
      "amount_spent > 1 AND (messages MATCHES (channel IN ('sms'), date BETWEEN -7d AND today) OR anniversary(date: 'x') = today)",
    );
    expect(SegmentQuery.safeParse(tree).success).toBe(true);
    expect(SegmentQuery.safeParse({ type: "and", children: [] }).success).toBe(false);
  });
});

describe("errors", () => {
  it.each([
    { query: "amount_spend > 100", message: "Unknown filter 'amount_spend' at 1:1 — did you mean 'amount_spent'?", line: 1, column: 1 },
    { query: "AMOUNT_SPENT > 100", message: "did you mean 'amount_spent'?", line: 1, column: 1 },
    { query: "last_order_date > 100", message: "Expected a date for 'last_order_date', found a number '100'", line: 1, column: 19 },
    {
      query: "amount_spent CONTAINS 'x'",
      message: "Operator CONTAINS does not apply to 'amount_spent' at 1:14 — use one of: =, !=, >, >=, <, <=, BETWEEN",
      line: 1,
      column: 14,
    },
    { query: "customer_tags = 'vip'", message: "Operator = does not apply to 'customer_tags'", line: 1, column: 15 },
    { query: "amount_spent > 'big'", message: "Expected an amount for 'amount_spent', found a string 'big'", line: 1, column: 16 },
    { query: "number_of_orders > 1.5", message: "Expected a whole number for 'number_of_orders'", line: 1, column: 20 },
    {
      query: "last_order_date = 2020-02-30",
      message: "Invalid date '2020-02-30' at 1:19 — February 2020 has 29 days",
      line: 1,
      column: 19,
    },
    { query: "last_order_date = 2021-13-01", message: "month 13 does not exist", line: 1, column: 19 },
    { query: "last_order_date > 2020-05-30T24:00:00", message: "hours go from 00 to 23", line: 1, column: 30 },
    { query: "last_order_date > 2020-05-30T16:00", message: "Invalid date-time", line: 1, column: 19 },
    { query: "last_order_date BETWEEN 1pm AND 3pm", message: "Time-only value '1pm'", line: 1, column: 25 },
    { query: "last_order_date > 13:00:00", message: "Time-only value", line: 1, column: 19 },
    { query: "last_order_date > 7d", message: "Offset '7d' has no sign", line: 1, column: 19 },
    { query: "last_order_date > -7x", message: "Unknown offset unit 'x'", line: 1, column: 19 },
    { query: "last_order_date > 5_days_ago", message: "use the offset -5d", line: 1, column: 19 },
    {
      query: "amount_spent >",
      message: "Expected an amount after 'amount_spent >', found the end of the query at 1:15",
      line: 1,
      column: 15,
    },
    { query: "amount_spent", message: "Expected an operator after 'amount_spent', found the end of the query", line: 1, column: 13 },
    { query: "amount_spent > 1 AND", message: "Expected a filter name, found the end of the query", line: 1, column: 21 },
    { query: "amount_spent BETWEEN 1", message: "Expected AND between the BETWEEN bounds", line: 1, column: 23 },
    { query: "amount_spent BETWEEN 10 AND 1", message: "BETWEEN bounds are reversed", line: 1, column: 29 },
    { query: "(amount_spent > 1", message: "Missing ')' at 1:18 — the '(' at 1:1 is never closed", line: 1, column: 18 },
    { query: "amount_spent > 1)", message: "this ')' has no matching '('", line: 1, column: 17 },
    { query: "amount_spent > 1 number_of_orders > 2", message: "join clauses with AND or OR", line: 1, column: 18 },
    { query: "email_subscription_status = 'SUBSCRIBE'", message: "did you mean 'SUBSCRIBED'?", line: 1, column: 29 },
    { query: "email_subscription_status = SUBSCRIBED", message: "wrap the value in single quotes: 'SUBSCRIBED'", line: 1, column: 29 },
    { query: 'customer_tags CONTAINS "vip"', message: "strings use straight single quotes", line: 1, column: 24 },
    { query: "customer_tags CONTAINS 'vip", message: "Unterminated string", line: 1, column: 24 },
    {
      query: "products_purchased MATCHES (idd = 1)",
      message: "Unknown parameter 'idd' for products_purchased at 1:29 — did you mean 'id'?",
      line: 1,
      column: 29,
    },
    { query: "products_purchased MATCHES (constructor = 1)", message: "Unknown parameter 'constructor'", line: 1, column: 29 },
    { query: "products_purchased(__proto__: 1) = true", message: "Unknown argument '__proto__'", line: 1, column: 20 },
    { query: "products_purchased MATCHES (date > -1d, date < -7d)", message: "Parameter 'date' is used twice", line: 1, column: 41 },
    { query: "products_purchased MATCHES (id = -5)", message: "Invalid id '-5'", line: 1, column: 34 },
    { query: "products_purchased MATCHES (id = 18446744073709551616)", message: "is too large", line: 1, column: 34 },
    { query: "products_purchased MATCHES (id = 1", message: "Expected ')' to close the parameters opened at 1:28", line: 1, column: 35 },
    { query: "products_purchased = true", message: "Operator = does not apply to 'products_purchased'", line: 1, column: 20 },
    { query: "amount_spent(x: 1) = true", message: "'amount_spent' does not take arguments", line: 1, column: 13 },
    { query: "anniversary = today", message: "'anniversary' needs the date attribute", line: 1, column: 13 },
    { query: "amount_spent_percentile > 101", message: "101 is out of range for 'amount_spent_percentile'", line: 1, column: 27 },
    { query: "messages MATCHES (channel = 'fax')", message: "Unknown value 'fax' for 'messages.channel'", line: 1, column: 29 },
    { query: "amount_spent BETWEN 1 AND 2", message: "did you mean BETWEEN?", line: 1, column: 14 },
    { query: "amount_spent > $100", message: "without a currency symbol", line: 1, column: 16 },
    { query: "amount_spent > 1,000", message: "Expected AND, OR or the end of the query, found ','", line: 1, column: 17 },
    { query: "amount_spent == 1", message: "use a single = to compare", line: 1, column: 14 },
    { query: "metafields.custom = 1", message: "write metafields.<namespace>.<key>", line: 1, column: 1 },
    { query: "", message: "The query is empty", line: 1, column: 1 },
    { query: "()", message: "Empty parentheses", line: 1, column: 2 },
    { query: "amount_spent > 1\nAND last_order_date > 2020-02-31", message: "Invalid date '2020-02-31' at 2:23", line: 2, column: 23 },
  ])("rejects $query", ({ query, message, line, column }) => {
    // GIVEN a query a merchant might type WHEN parsed THEN the error says what is wrong and where
    const result = parseSegmentQuery(query);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(message);
    expect({ line: result.error.line, column: result.error.column }).toEqual({ line, column });
    expect(result.error.message).toContain(`at ${line}:${column}`);
  });

  it("reports over-deep nesting instead of overflowing the stack", () => {
    const deep = `${"(".repeat(MAX_NESTING + 5)}amount_spent > 1${")".repeat(MAX_NESTING + 5)}`;
    const result = parseSegmentQuery(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 1, column: MAX_NESTING + 1 });
    expect(parseSegmentQuery(`${"(".repeat(MAX_NESTING)}amount_spent > 1${")".repeat(MAX_NESTING)}`).ok).toBe(true);
  });

  it("never throws on non-string input from untyped callers", () => {
    const untyped = parseSegmentQuery as (text: unknown) => ReturnType<typeof parseSegmentQuery>;
    expect(untyped(42)).toMatchObject({ ok: false, error: { line: 1, column: 1 } });
  });
});
