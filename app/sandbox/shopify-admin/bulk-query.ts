// Bulk query documents (https://shopify.dev/docs/api/usage/bulk-operations/queries): validated
// like any document, then held to the bulk rules — one top-level connection field, `node`/`nodes`
// not allowed, at most five connections, at most two levels of nested connections, and a parent
// of a nested connection selects `id` (children point at it through `__parentId`). The compiled
// plan projects store views into JSONL lines without going through graphql-js, which is what lets
// an export write hundreds of thousands of lines a second. Pure.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isLeafType,
  isNonNullType,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";
import { ConnectionSource } from "./connection";
import { describeError, parseAdminDocument } from "./validate";

export interface BulkUserError {
  field: string[];
  message: string;
  code: "INVALID";
}

interface FieldPlan {
  key: string;
  /** `"key":`, encoded once. */
  keyJson: string;
  name: string;
  args: Record<string, unknown>;
  /** Type that owns the field, for the "not implemented" error. */
  owner: string;
  nonNull: boolean;
  /** Only applies when the object's __typename is one of these (fragments on abstract types). */
  onTypes: readonly string[] | null;
  sub: ObjectPlan | null;
  connection: ObjectPlan | null;
}
export interface ObjectPlan {
  fields: FieldPlan[];
}
export interface BulkPlan {
  rootField: string;
  rootArgs: Record<string, unknown>;
  node: ObjectPlan;
}

const MAX_CONNECTIONS = 5;
const MAX_NESTED_LEVELS = 2;

export function compileBulkQuery(schema: GraphQLSchema, query: string): { plan: BulkPlan } | { errors: BulkUserError[] } {
  const invalid = (message: string) => ({ errors: [{ field: ["query"], message, code: "INVALID" as const }] });
  const parsed = parseAdminDocument(schema, query);
  if ("errors" in parsed)
    return {
      errors: parsed.errors.map((e) => ({
        field: ["query"],
        message: `Invalid bulk query: ${describeError(e)}`,
        code: "INVALID" as const,
      })),
    };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations = [];
  for (const def of parsed.document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const op = operations[0];
  if (operations.length !== 1 || !op || op.operation !== "query") return invalid("Bulk queries must contain exactly one query operation.");
  if ((op.variableDefinitions?.length ?? 0) > 0) return invalid("Bulk queries cannot use variables.");
  const roots = op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== "__typename");
  const root = roots[0];
  if (roots.length !== 1 || !root || roots.length !== op.selectionSet.selections.length)
    return invalid("Bulk queries must have exactly one top-level field.");
  if (root.name.value === "node" || root.name.value === "nodes")
    return invalid("The top-level `node` and `nodes` fields can't be used in bulk queries.");
  const queryType = schema.getQueryType();
  const rootDef = queryType?.getFields()[root.name.value];
  if (!rootDef || !isConnection(getNamedType(rootDef.type)) || !root.selectionSet)
    return invalid(`Bulk queries must start with a connection field; \`${root.name.value}\` is not one.`);

  const problems: string[] = [];
  let connections = 1;
  const planConnection = (type: GraphQLNamedType, set: SelectionSetNode, level: number): ObjectPlan => {
    const nodeType = connectionNodeType(type);
    const fields: FieldPlan[] = [];
    forEachField(set, fragments, type.name, null, (f) => {
      if (f.name.value !== "edges" && f.name.value !== "nodes") return; // pageInfo and cursors mean nothing in bulk
      const nodeSet = f.name.value === "nodes" ? f.selectionSet : undefined;
      if (nodeSet && nodeType) fields.push(...planObject(nodeType, nodeSet, level).fields);
      if (f.name.value === "edges" && f.selectionSet && nodeType) {
        forEachField(f.selectionSet, fragments, type.name.replace(/Connection$/, "Edge"), null, (e) => {
          if (e.name.value === "node" && e.selectionSet) fields.push(...planObject(nodeType, e.selectionSet, level).fields);
        });
      }
    });
    const plan = { fields: mergeFields(fields) };
    const nested = fields.some((fp) => fp.connection !== null || hasConnection(fp.sub));
    if (nested && !fields.some((fp) => fp.name === "id" && fp.key === "id")) {
      problems.push(`The parent 'node' field for a nested connection must select the 'id' field (${type.name}).`);
    }
    return plan;
  };
  const planObject = (type: GraphQLNamedType, set: SelectionSetNode, level: number): ObjectPlan => {
    const fields: FieldPlan[] = [];
    forEachField(set, fragments, type.name, null, (f, onTypes) => {
      const owner = onTypes?.[0] ? (schema.getType(onTypes[0]) ?? type) : type;
      const def = fieldOf(owner, f.name.value);
      if (f.name.value === "__typename") {
        const key = f.alias?.value ?? "__typename";
        fields.push({
          key,
          keyJson: `${JSON.stringify(key)}:`,
          name: "__typename",
          args: {},
          owner: owner.name,
          nonNull: true,
          onTypes,
          sub: null,
          connection: null,
        });
        return;
      }
      if (!def) return;
      const named = getNamedType(def.type);
      const key = f.alias?.value ?? f.name.value;
      const base = {
        key,
        keyJson: `${JSON.stringify(key)}:`,
        name: f.name.value,
        args: argsOf(f),
        owner: owner.name,
        nonNull: isNonNullType(def.type),
        onTypes,
      };
      if (isConnection(named) && f.selectionSet) {
        connections += 1;
        if (level + 1 > MAX_NESTED_LEVELS)
          problems.push(`Bulk queries cannot contain more than ${MAX_NESTED_LEVELS} levels of nested connections (\`${f.name.value}\`).`);
        fields.push({ ...base, sub: null, connection: planConnection(named, f.selectionSet, level + 1) });
      } else if (!isLeafType(named) && f.selectionSet) {
        fields.push({ ...base, sub: planObject(named, f.selectionSet, level), connection: null });
      } else fields.push({ ...base, sub: null, connection: null });
    });
    return { fields: mergeFields(fields) };
  };
  const node = planConnection(getNamedType(rootDef.type), root.selectionSet, 1);
  if (connections > MAX_CONNECTIONS)
    problems.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections (found ${connections}).`);
  if (problems.length > 0) return { errors: problems.map((message) => ({ field: ["query"], message, code: "INVALID" as const })) };
  return { plan: { rootField: root.name.value, rootArgs: argsOf(root), node } };
}

/**
 * One JSONL line per node, written straight to JSON text (no intermediate object: the export
 * writes tens of millions of lines). Children's lines go to `emit` before the node's own line;
 * `__parentId` comes last, as in Shopify's files.
 */
export function projectNode(
  view: object,
  plan: ObjectPlan,
  parentId: string | null,
  emit: (line: string, level: number) => void,
  level = 0,
): void {
  let json = projectObject(view, plan, (conn, sub, query) => {
    const id = (view as { id?: unknown }).id;
    for (const child of conn.all(query)) projectNode(child, sub, typeof id === "string" ? id : null, emit, level + 1);
  });
  if (parentId !== null) json = `${json.length > 2 ? `${json.slice(0, -1)},` : "{"}"__parentId":${JSON.stringify(parentId)}}`;
  emit(json, level);
}

type ChildSink = (conn: ConnectionSource<unknown>, plan: ObjectPlan, query: string | null) => void;

function projectObject(view: object, plan: ObjectPlan, children: ChildSink): string {
  let json = "{";
  const typename = (view as { __typename?: unknown }).__typename;
  for (const f of plan.fields) {
    if (f.onTypes && !f.onTypes.includes(String(typename))) continue;
    const value: unknown = f.name === "__typename" ? typename : (view as Record<string, unknown>)[f.name];
    if (f.connection) {
      if (value instanceof ConnectionSource)
        children(value as ConnectionSource<unknown>, f.connection, typeof f.args.query === "string" ? f.args.query : null);
      else if (value === undefined && f.nonNull) throw new Error(`Admin stand-in does not implement non-null field ${f.owner}.${f.name}`);
      continue;
    }
    if (json.length > 1) json += ",";
    json += f.keyJson;
    if (value === undefined) {
      if (f.nonNull) throw new Error(`Admin stand-in does not implement non-null field ${f.owner}.${f.name}`);
      json += "null";
    } else if (f.sub && value !== null) {
      const sub = f.sub;
      json += Array.isArray(value)
        ? `[${value.map((v: object) => projectObject(v, sub, children)).join(",")}]`
        : projectObject(value as object, sub, children);
    } else json += typeof value === "boolean" ? (value ? "true" : "false") : value === null ? "null" : JSON.stringify(value);
  }
  return `${json}}`;
}

/** Drops a repeated leaf (same response key) and merges repeated object selections, as GraphQL does. */
function mergeFields(fields: FieldPlan[]): FieldPlan[] {
  const out: FieldPlan[] = [];
  for (const f of fields) {
    const same = out.find((o) => o.key === f.key && o.onTypes?.join() === f.onTypes?.join());
    if (!same) out.push(f);
    else if (same.sub && f.sub) same.sub = { fields: mergeFields([...same.sub.fields, ...f.sub.fields]) };
    else if (same.connection && f.connection)
      same.connection = { fields: mergeFields([...same.connection.fields, ...f.connection.fields]) };
  }
  return out;
}

/** Visits the fields of `set` with fragments flattened; a fragment on another type than `typeName` makes its fields conditional. */
function forEachField(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  typeName: string,
  onTypes: readonly string[] | null,
  visit: (f: FieldNode, onTypes: readonly string[] | null) => void,
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) visit(sel, onTypes);
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
      const cond = frag?.typeCondition?.name.value;
      if (frag) forEachField(frag.selectionSet, fragments, typeName, cond && cond !== typeName ? [cond] : onTypes, visit);
    }
  }
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return "getFields" in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] : undefined;
}

function isConnection(type: GraphQLNamedType): boolean {
  return type.name.endsWith("Connection") && "getFields" in type && "edges" in type.getFields();
}

function connectionNodeType(type: GraphQLNamedType): GraphQLNamedType | null {
  const nodes = fieldOf(type, "nodes");
  return nodes ? getNamedType(nodes.type) : null;
}

function hasConnection(plan: ObjectPlan | null): boolean {
  return plan !== null && plan.fields.some((f) => f.connection !== null || hasConnection(f.sub));
}

function argsOf(node: FieldNode): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const a of node.arguments ?? []) args[a.name.value] = valueFromASTUntyped(a.value, {});
  return args;
}
