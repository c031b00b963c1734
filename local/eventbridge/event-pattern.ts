/**
 * EventBridge event-pattern matching, used locally for both the Pipe's source filter and the
 * bus rule, so the patterns the stack deploys are the patterns the local runtime applies.
 *
 * Hand-written because the maintained implementation (aws/event-ruler) is Java; the npm
 * matchers we found are unmaintained or cover only exact/prefix. Semantics follow the
 * EventBridge "content filtering" documentation:
 * - every field named in the pattern must match (AND); fields not named are ignored;
 * - a leaf is a non-empty array of alternatives (OR); literal alternatives match by equality
 *   (strings case-sensitive, numbers numerically, null and "" literally);
 * - when the event value is an array, the leaf matches if any element matches;
 * - operators: prefix, suffix, equals-ignore-case (also inside prefix/suffix), wildcard,
 *   anything-but (value, list, prefix, suffix, equals-ignore-case, wildcard), numeric,
 *   exists, cidr (IPv4), and $or.
 * A pattern the service would reject raises InvalidEventPatternError naming the field.
 */

export type EventPattern = { readonly [field: string]: unknown };

export class InvalidEventPatternError extends Error {
  override name = "InvalidEventPatternError";
}

type Leaf = string | number | boolean | null;
type LeafMatcher = (value: Leaf) => boolean;

interface CompiledLeaf {
  kind: "leaf";
  /** `exists: false` alternatives match only when the field is absent. */
  matchesAbsent: boolean;
  matchers: LeafMatcher[];
}
interface CompiledObject {
  kind: "object";
  fields: Array<[string, CompiledNode]>;
  alternatives: CompiledObject[][];
}
type CompiledNode = CompiledLeaf | CompiledObject;

/** Compiles (and validates) a pattern once; the returned function matches events. */
export function compileEventPattern(pattern: unknown): (event: unknown) => boolean {
  const compiled = compileObject(pattern, "pattern");
  return (event) => matchObject(compiled, event);
}

export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return compileEventPattern(pattern)(event);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compileObject(pattern: unknown, path: string): CompiledObject {
  if (!isPlainObject(pattern) || Object.keys(pattern).length === 0) {
    throw new InvalidEventPatternError(`${path} must be a non-empty JSON object.`);
  }
  const node: CompiledObject = { kind: "object", fields: [], alternatives: [] };
  for (const [field, value] of Object.entries(pattern)) {
    const fieldPath = `${path}.${field}`;
    if (field === "$or") {
      if (!Array.isArray(value) || value.length < 2) {
        throw new InvalidEventPatternError(`${fieldPath} must be an array of at least two patterns.`);
      }
      node.alternatives.push(value.map((alternative, index) => compileObject(alternative, `${fieldPath}[${index}]`)));
    } else if (Array.isArray(value)) {
      node.fields.push([field, compileLeaf(value, fieldPath)]);
    } else if (isPlainObject(value)) {
      node.fields.push([field, compileObject(value, fieldPath)]);
    } else {
      throw new InvalidEventPatternError(`${fieldPath} must be an array of values or a nested object, got ${JSON.stringify(value)}.`);
    }
  }
  return node;
}

function compileLeaf(alternatives: unknown[], path: string): CompiledLeaf {
  if (alternatives.length === 0) throw new InvalidEventPatternError(`${path} must not be an empty array.`);
  const leaf: CompiledLeaf = { kind: "leaf", matchesAbsent: false, matchers: [] };
  for (const alternative of alternatives) {
    if (isPlainObject(alternative) && "exists" in alternative && Object.keys(alternative).length === 1) {
      if (typeof alternative.exists !== "boolean") throw new InvalidEventPatternError(`${path}: exists takes true or false.`);
      if (alternative.exists) leaf.matchers.push(() => true);
      else leaf.matchesAbsent = true;
    } else {
      leaf.matchers.push(compileMatcher(alternative, path));
    }
  }
  return leaf;
}

function compileMatcher(alternative: unknown, path: string): LeafMatcher {
  if (alternative === null || typeof alternative === "string" || typeof alternative === "boolean") {
    return (value) => value === alternative;
  }
  if (typeof alternative === "number") return (value) => typeof value === "number" && value === alternative;
  if (!isPlainObject(alternative) || Object.keys(alternative).length !== 1) {
    throw new InvalidEventPatternError(`${path}: each alternative is a value or an object with exactly one operator, got ${JSON.stringify(alternative)}.`);
  }
  const [operator, operand] = Object.entries(alternative)[0]!;
  switch (operator) {
    case "prefix":
      return affixMatcher(operand, path, operator, (value, affix) => value.startsWith(affix));
    case "suffix":
      return affixMatcher(operand, path, operator, (value, affix) => value.endsWith(affix));
    case "equals-ignore-case": {
      const expected = requireString(operand, path, operator).toLowerCase();
      return (value) => typeof value === "string" && value.toLowerCase() === expected;
    }
    case "wildcard": {
      const regex = wildcardRegex(requireString(operand, path, operator));
      return (value) => typeof value === "string" && regex.test(value);
    }
    case "anything-but":
      return anythingBut(operand, path);
    case "numeric":
      return numericMatcher(operand, path);
    case "cidr":
      return cidrMatcher(operand, path);
    default:
      throw new InvalidEventPatternError(`${path}: unsupported operator "${operator}".`);
  }
}

function requireString(operand: unknown, path: string, operator: string): string {
  if (typeof operand !== "string") throw new InvalidEventPatternError(`${path}: ${operator} takes a string, got ${JSON.stringify(operand)}.`);
  return operand;
}

function affixMatcher(operand: unknown, path: string, operator: string, test: (value: string, affix: string) => boolean): LeafMatcher {
  if (isPlainObject(operand) && Object.keys(operand).length === 1 && "equals-ignore-case" in operand) {
    const affix = requireString(operand["equals-ignore-case"], path, `${operator}.equals-ignore-case`).toLowerCase();
    return (value) => typeof value === "string" && test(value.toLowerCase(), affix);
  }
  const affix = requireString(operand, path, operator);
  return (value) => typeof value === "string" && test(value, affix);
}

/** `*` matches any run of characters; `\*` is a literal star. */
function wildcardRegex(wildcard: string): RegExp {
  let source = "";
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i]!;
    if (char === "\\" && wildcard[i + 1] === "*") {
      source += "\\*";
      i++;
    } else if (char === "*") {
      source += ".*";
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, "s");
}

function anythingBut(operand: unknown, path: string): LeafMatcher {
  const excluded = anythingButExcluded(operand, path);
  return (value) => !excluded(value);
}

function anythingButExcluded(operand: unknown, path: string): LeafMatcher {
  const literals = Array.isArray(operand) ? operand : [operand];
  if (literals.length > 0 && literals.every((literal) => typeof literal === "string" || typeof literal === "number")) {
    return (value) => literals.includes(value as string | number);
  }
  if (isPlainObject(operand) && Object.keys(operand).length === 1) {
    const [operator, inner] = Object.entries(operand)[0]!;
    const innerList = Array.isArray(inner) ? inner : [inner];
    if (["prefix", "suffix", "equals-ignore-case", "wildcard"].includes(operator) && innerList.length > 0) {
      const excluded = innerList.map((item) => compileMatcher({ [operator]: item }, `${path}.anything-but`));
      return (value) => excluded.some((matcher) => matcher(value));
    }
  }
  throw new InvalidEventPatternError(
    `${path}: anything-but takes a string, a number, a list of strings or numbers, or one of prefix/suffix/equals-ignore-case/wildcard; got ${JSON.stringify(operand)}.`,
  );
}

const NUMERIC_OPERATORS = {
  "<": (a: number, b: number) => a < b,
  "<=": (a: number, b: number) => a <= b,
  "=": (a: number, b: number) => a === b,
  ">": (a: number, b: number) => a > b,
  ">=": (a: number, b: number) => a >= b,
} as const;

function numericMatcher(operand: unknown, path: string): LeafMatcher {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new InvalidEventPatternError(`${path}: numeric takes one or two [operator, number] pairs, got ${JSON.stringify(operand)}.`);
  }
  const checks: Array<(value: number) => boolean> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const operator = operand[i] as keyof typeof NUMERIC_OPERATORS;
    const bound = operand[i + 1];
    if (!(operator in NUMERIC_OPERATORS) || typeof bound !== "number") {
      throw new InvalidEventPatternError(`${path}: numeric operator must be one of < <= = > >= followed by a number, got ${JSON.stringify([operator, bound])}.`);
    }
    checks.push((value) => NUMERIC_OPERATORS[operator](value, bound));
  }
  // Numeric matching applies to JSON numbers only: "5" (a string) never matches.
  return (value) => typeof value === "number" && checks.every((check) => check(value));
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((address, part) => address * 256 + Number(part), 0);
}

function cidrMatcher(operand: unknown, path: string): LeafMatcher {
  const cidr = requireString(operand, path, "cidr");
  const [network, bitsText] = cidr.split("/");
  const base = parseIpv4(network ?? "");
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new InvalidEventPatternError(`${path}: cidr takes an IPv4 block like 10.0.0.0/24 (IPv6 is not supported locally), got ${JSON.stringify(cidr)}.`);
  }
  const blockSize = 2 ** (32 - bits);
  const start = Math.floor(base / blockSize) * blockSize;
  return (value) => {
    if (typeof value !== "string") return false;
    const address = parseIpv4(value);
    return address !== undefined && address >= start && address < start + blockSize;
  };
}

function matchObject(node: CompiledObject, event: unknown): boolean {
  if (Array.isArray(event)) return event.some((element) => matchObject(node, element));
  if (!isPlainObject(event)) return false;
  return (
    node.fields.every(([field, child]) => matchField(child, field in event ? event[field] : undefined, field in event)) &&
    node.alternatives.every((alternatives) => alternatives.some((alternative) => matchObject(alternative, event)))
  );
}

function matchField(node: CompiledNode, value: unknown, present: boolean): boolean {
  if (node.kind === "object") return present && matchObject(node, value);
  const leaves = present ? leafValues(value) : [];
  if (leaves.length === 0) {
    // Absent, or not a leaf (an object, or an array of objects): only `exists: false` matches.
    return node.matchesAbsent;
  }
  return leaves.some((leaf) => node.matchers.some((matcher) => matcher(leaf)));
}

function leafValues(value: unknown): Leaf[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is Leaf => item === null || ["string", "number", "boolean"].includes(typeof item));
}
