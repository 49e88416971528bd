// Validation of Admin API documents against the 2026-10 schema (pure: the schema is passed in).
// Besides graphql-js's specified rules it forbids deprecated fields: Shopify still answers them,
// but Flock must not build on fields Shopify has announced it will remove
// (https://shopify.dev/docs/api/usage/versioning#deprecation-practices).
import {
  type DocumentNode,
  getLocation,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  NoDeprecatedCustomRule,
  parse,
  Source,
  specifiedRules,
  validate,
  visit,
} from "graphql";

const RULES = [...specifiedRules, NoDeprecatedCustomRule];

/** graphql-js errors for a parsed document: the specified rules plus "no deprecated fields". */
export function adminValidationErrors(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  return validate(schema, document, RULES);
}

/** Parses and validates; returns the document or the errors (a syntax error is one error). */
export function parseAdminDocument(
  schema: GraphQLSchema,
  source: string,
): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(new Source(source, "document"));
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const errors = adminValidationErrors(schema, document);
  return errors.length > 0 ? { errors } : { document };
}

/**
 * Every reason Shopify (or Flock's no-deprecated policy) would reject `source`, as readable lines
 * with locations. The query string passed to `bulkOperationRunQuery(query:)` is a document of its
 * own that Shopify only checks when the mutation runs, so it is validated here too, whether it is
 * a literal or a variable (pass `variables` for the latter).
 */
export function validateAdminDocument(schema: GraphQLSchema, source: string, variables: Record<string, unknown> = {}): string[] {
  const result = parseAdminDocument(schema, source);
  if ("errors" in result) return result.errors.map(describeError);
  const messages: string[] = [];
  for (const inner of bulkInnerQueries(result.document, variables)) {
    const innerResult = parseAdminDocument(schema, inner.query);
    if ("errors" in innerResult) {
      for (const e of innerResult.errors) messages.push(`bulkOperationRunQuery(query:) at ${inner.where}: ${describeError(e)}`);
    }
  }
  return messages;
}

/** The inner documents of `bulkOperationRunQuery` fields in `document`. */
export function bulkInnerQueries(document: DocumentNode, variables: Record<string, unknown>): { query: string; where: string }[] {
  const found: { query: string; where: string }[] = [];
  visit(document, {
    Field(node) {
      if (node.name.value !== "bulkOperationRunQuery") return;
      const arg = node.arguments?.find((a) => a.name.value === "query");
      const where = node.loc ? locationText(node.loc.source, node.loc.start) : "?";
      if (arg?.value.kind === Kind.STRING) found.push({ query: arg.value.value, where });
      if (arg?.value.kind === Kind.VARIABLE) {
        const value = variables[arg.value.name.value];
        if (typeof value === "string") found.push({ query: value, where: `${where} ($${arg.value.name.value})` });
      }
    },
  });
  return found;
}

export function describeError(error: GraphQLError): string {
  const where = (error.locations ?? []).map((l) => `${l.line}:${l.column}`).join(", ");
  return where ? `${error.message} (${where})` : error.message;
}

function locationText(source: Source, offset: number): string {
  const { line, column } = getLocation(source, offset);
  return `${line}:${column}`;
}
