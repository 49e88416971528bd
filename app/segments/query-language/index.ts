/** Public surface of the segment query language. */
export { parseSegmentQuery, MAX_NESTING, type ParseResult } from "./parser";
export { printSegmentQuery } from "./printer";
export { unsupportedFilters, unsupportedFilterMessage, type UnsupportedFilter } from "./unsupported";
export { lookupFilter, listFilters, filterNames, isMetafieldName } from "./filters";
export type { FilterSpec, ParamSpec, ConditionSpec, ValueKind, OperatorName, LegacyCallSpec } from "./filters";
export { SegmentQueryParseError, type SegmentQueryError, type SourcePosition } from "./errors";
export {
  SegmentQuery,
  Clause,
  Condition,
  ParamCondition,
  MatchParam,
  FunctionArg,
  Value,
  DateValue,
  Position,
  ComparisonOperator,
  RelativeUnit,
  AndNode,
  OrNode,
  clausesOf,
  stripPositions,
} from "./tree";
export { DEPRECATED_NAMED_DATES } from "./values";
