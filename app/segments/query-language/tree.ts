/**
 * The rule tree a segment query parses into. It is plain JSON so it can be
 * stored next to the query text, sent to the browser and validated with zod
 * when read back. Each schema shares its name with the type it produces.
 */
import { z } from "zod";

export const Position = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
});
export type Position = z.infer<typeof Position>;

export const RelativeUnit = z.enum(["h", "d", "w", "m", "y"]);
export type RelativeUnit = z.infer<typeof RelativeUnit>;

/**
 * Relative dates stay symbolic: `-30d` is resolved against the shop's clock
 * and time zone by whoever evaluates the tree, never by the parser.
 */
export const DateValue = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("absolute"),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    time: z
      .string()
      .regex(/^\d{2}:\d{2}:\d{2}$/)
      .optional(),
  }),
  z.object({
    kind: z.literal("relative"),
    /** Signed: `-7d` is `{ amount: -7, unit: "d" }`. */
    amount: z.number().int(),
    unit: RelativeUnit,
  }),
  z.object({ kind: z.literal("today") }),
  z.object({ kind: z.literal("yesterday") }),
]);
export type DateValue = z.infer<typeof DateValue>;

/**
 * Numbers and ids are kept as the text the merchant typed: money must not pass
 * through binary floating point and 64-bit ids do not fit in a JS number.
 */
export const Value = z.discriminatedUnion("type", [
  z.object({ type: z.literal("number"), value: z.string().regex(/^-?\d+(\.\d+)?$/) }),
  z.object({ type: z.literal("id"), value: z.string().regex(/^\d+$/) }),
  z.object({ type: z.literal("string"), value: z.string() }),
  z.object({ type: z.literal("boolean"), value: z.boolean() }),
  z.object({ type: z.literal("date"), value: DateValue }),
  z.object({
    type: z.literal("coordinates"),
    latitude: z.string().regex(/^-?\d+(\.\d+)?$/),
    longitude: z.string().regex(/^-?\d+(\.\d+)?$/),
  }),
]);
export type Value = z.infer<typeof Value>;

export const ComparisonOperator = z.enum(["=", "!=", ">", ">=", "<", "<="]);
export type ComparisonOperator = z.infer<typeof ComparisonOperator>;

const CompareCondition = z.object({ op: z.literal("compare"), operator: ComparisonOperator, value: Value });
/** Inclusive on both ends, as in Shopify. */
const BetweenCondition = z.object({ op: z.literal("between"), from: Value, to: Value });
const ContainsCondition = z.object({ op: z.literal("contains"), negated: z.boolean(), value: Value });
const NullCondition = z.object({ op: z.literal("null"), negated: z.boolean() });
const InCondition = z.object({ op: z.literal("in"), negated: z.boolean(), values: z.array(Value).min(1) });

/** A condition that can appear inside `MATCHES (...)`: anything except another MATCHES. */
export const ParamCondition = z.discriminatedUnion("op", [
  CompareCondition,
  BetweenCondition,
  ContainsCondition,
  NullCondition,
  InCondition,
]);
export type ParamCondition = z.infer<typeof ParamCondition>;

export const MatchParam = z.object({
  name: z.string().min(1),
  condition: ParamCondition,
  pos: Position.optional(),
});
export type MatchParam = z.infer<typeof MatchParam>;

const MatchesCondition = z.object({ op: z.literal("matches"), negated: z.boolean(), params: z.array(MatchParam) });

export const Condition = z.discriminatedUnion("op", [
  CompareCondition,
  BetweenCondition,
  ContainsCondition,
  NullCondition,
  InCondition,
  MatchesCondition,
]);
export type Condition = z.infer<typeof Condition>;

/** An argument of the deprecated call form `filter(name: value) = true`; `anniversary('x')` has no name. */
export const FunctionArg = z.object({
  name: z.string().min(1).optional(),
  value: Value,
  pos: Position.optional(),
});
export type FunctionArg = z.infer<typeof FunctionArg>;

export const Clause = z.object({
  type: z.literal("clause"),
  filter: z.string().min(1),
  /** Present only for the call form; `[]` for `filter()`. */
  args: z.array(FunctionArg).optional(),
  condition: Condition,
  pos: Position.optional(),
});
export type Clause = z.infer<typeof Clause>;

export interface AndNode {
  type: "and";
  children: SegmentQuery[];
  pos?: Position | undefined;
}
export interface OrNode {
  type: "or";
  children: SegmentQuery[];
  pos?: Position | undefined;
}
export type SegmentQuery = Clause | AndNode | OrNode;

export const AndNode: z.ZodType<AndNode> = z.object({
  type: z.literal("and"),
  children: z.array(z.lazy(() => SegmentQuery)).min(2),
  pos: Position.optional(),
});
export const OrNode: z.ZodType<OrNode> = z.object({
  type: z.literal("or"),
  children: z.array(z.lazy(() => SegmentQuery)).min(2),
  pos: Position.optional(),
});
export const SegmentQuery: z.ZodType<SegmentQuery> = z.union([Clause, AndNode, OrNode]);

/** Every clause in the tree, depth first, left to right. */
export function clausesOf(tree: SegmentQuery): Clause[] {
  const out: Clause[] = [];
  const stack: SegmentQuery[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.type === "clause") out.push(node);
    else
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i];
        if (child !== undefined) stack.push(child);
      }
  }
  return out;
}

/** A copy without source positions, for comparing trees parsed from differently formatted text. */
export function stripPositions(tree: SegmentQuery): SegmentQuery {
  if (tree.type !== "clause") {
    return { type: tree.type, children: tree.children.map(stripPositions) };
  }
  const condition: Condition =
    tree.condition.op === "matches"
      ? {
          op: "matches",
          negated: tree.condition.negated,
          params: tree.condition.params.map((p) => ({ name: p.name, condition: p.condition })),
        }
      : tree.condition;
  const clause: Clause = { type: "clause", filter: tree.filter, condition };
  if (tree.args !== undefined) {
    clause.args = tree.args.map((a) => (a.name === undefined ? { value: a.value } : { name: a.name, value: a.value }));
  }
  return clause;
}
