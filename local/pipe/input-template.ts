/**
 * Renders an EventBridge Pipes input template (`InputTemplate`) against one source event, the
 * way the stack's Pipe shapes each stream record before it reaches the bus.
 *
 * Placeholders are `<$.json.path>` (dot notation, dashes, underscores, `[n]` indices) and the
 * reserved `<aws.pipes.*>` variables. Inside a JSON string the value is inserted as string
 * content (escaped); outside quotes it is inserted as a JSON value, as the Pipes docs describe
 * ("put quotes around variables that refer to JSON path parameters, but not around those that
 * refer to JSON objects or arrays"). A template that is not JSON (free text) gets raw text.
 *
 * Deliberately stricter than the service in one way: a path that is absent from the event is
 * an error (the record goes to the DLQ) instead of silently rendering an empty value, because
 * the contract says every attribute the template reads is written on every item.
 */

export class InputTemplateError extends Error {
  override name = "InputTemplateError";
}

const PLACEHOLDER = /<(\$(?:\.[A-Za-z0-9_\-/]+|\[\d+\])*|aws\.pipes\.[A-Za-z0-9.\-]+)>/g;

/** Reserved variables (`aws.pipes.pipe-name`, `aws.pipes.event.ingestion-time`, ...) by name. */
export type ReservedVariables = Readonly<Record<string, unknown>>;

export function renderInputTemplate(template: string, event: unknown, reserved: ReservedVariables = {}): string {
  const isJsonTemplate = /^\s*[{[]/.test(template);
  let output = "";
  let cursor = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const start = match.index!;
    const literal = template.slice(cursor, start);
    output += literal;
    cursor = start + match[0].length;
    const value = resolve(match[1]!, event, reserved);
    if (!isJsonTemplate) output += typeof value === "string" ? value : JSON.stringify(value);
    else if (insideJsonString(template, start)) output += JSON.stringify(typeof value === "string" ? value : JSON.stringify(value)).slice(1, -1);
    else output += JSON.stringify(value);
  }
  output += template.slice(cursor);
  if (isJsonTemplate) {
    try {
      JSON.parse(output);
    } catch (error) {
      throw new InputTemplateError(`Input template did not render to valid JSON: ${(error as Error).message}`);
    }
  }
  return output;
}

/** Renders a JSON template and returns the parsed value (what the target receives). */
export function renderJsonInputTemplate(template: string, event: unknown, reserved: ReservedVariables = {}): unknown {
  return JSON.parse(renderInputTemplate(template, event, reserved));
}

function resolve(expression: string, event: unknown, reserved: ReservedVariables): unknown {
  if (expression.startsWith("aws.pipes.")) {
    if (expression === "aws.pipes.event" || expression === "aws.pipes.event.json") return event;
    if (!(expression in reserved)) throw new InputTemplateError(`Reserved variable <${expression}> has no value in this runtime.`);
    return reserved[expression];
  }
  let current: unknown = event;
  for (const [, field, index] of expression.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    const key = field ?? Number(index);
    if (current === null || typeof current !== "object" || !(key in (current as object))) {
      throw new InputTemplateError(`Input template path ${expression} is absent from the event.`);
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** True when `position` lies inside a JSON string literal of the template text. */
function insideJsonString(template: string, position: number): boolean {
  let inside = false;
  for (let i = 0; i < position; i++) {
    const char = template[i];
    if (char === "\\" && inside) i++;
    else if (char === '"') inside = !inside;
  }
  return inside;
}
