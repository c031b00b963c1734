/**
 * The subset of JSON Schema the pack's configSchemas use (type, enum, minimum, maximum,
 * pattern, minLength, items, properties, additionalProperties, required). Hand-written
 * because the only validator installed (ajv) arrives transitively through dev tooling, and
 * the pack must not depend on it; this covers every keyword our schemas declare.
 */
import type { PolicyConfigJSONSchema, PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";

export interface SchemaProblem {
  /** JSON path below the checked value, e.g. `[0].reason`; empty at the top. */
  path: string;
  message: string;
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return false;
  }
}

export function validateAgainstSchema(value: unknown, definition: PolicyConfigJSONSchemaDefinition, path = ""): SchemaProblem | undefined {
  if (definition === true) return undefined;
  if (definition === false) return { path, message: "is not allowed" };
  const schema: PolicyConfigJSONSchema = definition;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(value, t))) return { path, message: `must be of type ${types.join(" or ")}; got ${JSON.stringify(value)}` };
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    return { path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` };
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return { path, message: `must be at least ${schema.minimum}` };
    if (schema.maximum !== undefined && value > schema.maximum) return { path, message: `must be at most ${schema.maximum}` };
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) return { path, message: `must be at least ${schema.minLength} characters` };
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return { path, message: `must match ${schema.pattern}` };
  }
  if (Array.isArray(value) && schema.items !== undefined && !Array.isArray(schema.items)) {
    for (let i = 0; i < value.length; i++) {
      const problem = validateAgainstSchema(value[i], schema.items, `${path}[${i}]`);
      if (problem) return problem;
    }
  }
  if (typeMatches(value, "object")) {
    const object = value as Record<string, unknown>;
    for (const required of schema.required ?? []) {
      if (!(required in object)) return { path: `${path}.${required}`, message: "is required" };
    }
    for (const [key, child] of Object.entries(object)) {
      const childSchema = schema.properties?.[key] ?? schema.additionalProperties;
      if (childSchema === undefined) continue;
      const problem = validateAgainstSchema(child, childSchema, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return undefined;
}
