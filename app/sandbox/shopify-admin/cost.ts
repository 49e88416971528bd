// Calculated query cost and the leaky bucket (https://shopify.dev/docs/api/usage/limits and
// https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits): scalars and enums cost 0,
// objects 1, a connection 2 plus `first`/`last` times the cost of one node, a mutation 10. The
// requested cost is taken from the bucket up front; after execution the difference to the actual
// cost (from the nodes really returned) is refunded. Pure, apart from the injected clock.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isCompositeType,
  isLeafType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";

export const SINGLE_QUERY_MAX_COST = 1000;
export const MUTATION_COST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Requested cost, or actual cost when `data` (the execution result) is given. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  data?: unknown,
): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const walk: Walk = { schema, fragments, variables };
  if (operation.operation === "mutation") return operation.selectionSet.selections.length * MUTATION_COST;
  return selectionCost(walk, root, operation.selectionSet, data === undefined ? undefined : [data]);
}

/** `values`: the response objects at this level (actual cost), or undefined (requested cost). */
function selectionCost(walk: Walk, type: GraphQLNamedType, set: SelectionSetNode, values: unknown[] | undefined): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) total += fieldCost(walk, type, sel, values);
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments[sel.name.value];
      if (!frag) continue;
      const cond = frag.typeCondition ? walk.schema.getType(frag.typeCondition.name.value) : type;
      if (cond) total += selectionCost(walk, cond, frag.selectionSet, values);
    }
  }
  return total;
}

function fieldCost(walk: Walk, parent: GraphQLNamedType, node: FieldNode, values: unknown[] | undefined): number {
  if (!("getFields" in parent) || node.name.value.startsWith("__")) return 0;
  const field = (parent as GraphQLObjectType).getFields()[node.name.value];
  if (!field || !node.selectionSet) return 0;
  const type = getNamedType(field.type);
  if (isLeafType(type) || !isCompositeType(type)) return 0;
  const key = node.alias?.value ?? node.name.value;
  const children = values
    ?.map((v) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined))
    .filter((v) => v != null);
  if (type.name.endsWith("Connection") && "getFields" in type && "edges" in type.getFields()) {
    const nodeType = getNamedType((type.getFields().nodes ?? type.getFields().edges)?.type);
    const nodeSets = connectionNodeSelections(walk, node.selectionSet);
    if (!children) {
      const size = Number(argument(walk, node, "first") ?? argument(walk, node, "last") ?? 0);
      return 2 + size * nodeSets.reduce((sum, s) => sum + (nodeType ? 1 + selectionCost(walk, nodeType, s, undefined) : 0), 0);
    }
    return children.reduce<number>((sum, conn) => {
      const c = conn as { edges?: { node: unknown }[]; nodes?: unknown[] };
      const items = c.nodes ?? c.edges?.map((e) => e.node) ?? [];
      return sum + 2 + nodeSets.reduce((s2, s) => s2 + (nodeType ? items.length + selectionCost(walk, nodeType, s, items) : 0), 0);
    }, 0);
  }
  if (!children) {
    const ids = node.name.value === "nodes" ? argument(walk, node, "ids") : undefined;
    return (Array.isArray(ids) ? ids.length : 1) * (1 + selectionCost(walk, type, node.selectionSet, undefined));
  }
  const flat = children.flatMap((c) => (Array.isArray(c) ? c.filter((x) => x != null) : [c]));
  return flat.length + selectionCost(walk, type, node.selectionSet, flat);
}

/** The selection sets applied to each node of a connection (`edges { node {…} }` and `nodes {…}`). */
function connectionNodeSelections(walk: Walk, set: SelectionSetNode): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind !== Kind.FIELD) {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments[sel.name.value];
      if (frag) out.push(...connectionNodeSelections(walk, frag.selectionSet));
    } else if (sel.name.value === "nodes" && sel.selectionSet) out.push(sel.selectionSet);
    else if (sel.name.value === "edges" && sel.selectionSet) {
      for (const e of sel.selectionSet.selections)
        if (e.kind === Kind.FIELD && e.name.value === "node" && e.selectionSet) out.push(e.selectionSet);
    }
  }
  return out;
}

function argument(walk: Walk, node: FieldNode, name: string): unknown {
  const arg = node.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, walk.variables) : undefined;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Shopify's per app-and-shop leaky bucket of cost points. */
export class LeakyBucket {
  #available: number;
  #at: number;
  constructor(
    readonly capacity: number,
    readonly restoreRate: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#available = capacity;
    this.#at = clock();
  }

  /** Takes `cost` points if the bucket holds them; false means THROTTLED. */
  take(cost: number): boolean {
    this.#refill();
    if (cost > this.#available) return false;
    this.#available -= cost;
    return true;
  }

  refund(points: number): void {
    this.#refill();
    this.#available = Math.min(this.capacity, this.#available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.#refill();
    return { maximumAvailable: this.capacity, currentlyAvailable: Math.floor(this.#available), restoreRate: this.restoreRate };
  }

  #refill(): void {
    const now = this.clock();
    this.#available = Math.min(this.capacity, this.#available + ((now - this.#at) / 1000) * this.restoreRate);
    this.#at = now;
  }
}
