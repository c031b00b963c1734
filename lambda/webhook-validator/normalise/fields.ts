/**
 * Reading untrusted JSON safely: each reader either returns a well-typed value or throws a
 * MalformedRequestError (400) naming the field, so a mapping never crashes on odd input.
 */
import { NO_AMOUNT } from "../../../contract/event-table";
import { MalformedRequestError } from "../errors";

export type JsonObject = Record<string, unknown>;

/**
 * Ids become DynamoDB key attributes (sort key ≤ 1024 bytes, partition key ≤ 2048 bytes, both
 * valid Unicode); ids beyond this bound are not ids, and must not turn into a storage error.
 */
const MAX_ID_BYTES = 255;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** JSON escapes can smuggle lone UTF-16 surrogates, which DynamoDB cannot store as a string. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, field: string): JsonObject {
  if (!isObject(value)) throw new MalformedRequestError(value === undefined ? "missing_field" : "invalid_field", `${field} must be a JSON object.`);
  return value;
}

/** Follows a dotted path through nested objects (numeric steps index arrays); undefined when any step is missing. */
export function at(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const step of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(step)) current = current[Number(step)];
    else if (isObject(current) && Object.hasOwn(current, step)) current = current[step];
    else return undefined;
  }
  return current;
}

export function optionalString(root: unknown, path: string): string | null {
  const value = at(root, path);
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") throw new MalformedRequestError("invalid_field", `${path} must be a string.`);
  if (LONE_SURROGATE.test(value)) throw new MalformedRequestError("invalid_field", `${path} must be valid Unicode.`);
  return value;
}

export function requiredString(root: unknown, path: string): string {
  const value = optionalString(root, path);
  if (value === null) throw new MalformedRequestError("missing_field", `${path} is required.`);
  return value;
}

/** An identifier usable in a DynamoDB key: non-empty, bounded, no control characters. */
export function identifier(value: string, field: string): string {
  if (Buffer.byteLength(value, "utf8") > MAX_ID_BYTES || CONTROL_CHARACTER.test(value)) {
    throw new MalformedRequestError("invalid_field", `${field} must be at most ${MAX_ID_BYTES} bytes (UTF-8) of printable characters.`);
  }
  return value;
}

export function requiredId(root: unknown, path: string): string {
  return identifier(requiredString(root, path), path);
}

export function optionalId(root: unknown, path: string): string | null {
  const value = optionalString(root, path);
  return value === null ? null : identifier(value, path);
}

/**
 * Amount already in minor units (every supported provider sends minor units). Negative amounts
 * are real: Stripe sends them for credits (customer.balance_transaction.created,
 * invoiceitem.created, issuing_transaction.created); refusing them would make the provider retry
 * for days. NO_AMOUNT is the stored "none", so it is the one integer refused.
 */
export function optionalMinorAmount(root: unknown, path: string): number | null {
  const value = at(root, path);
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value === NO_AMOUNT) {
    throw new MalformedRequestError("invalid_field", `${path} must be an integer amount in minor units (at most 2^53 - 2 in magnitude).`);
  }
  return value;
}

export function optionalCurrency(root: unknown, path: string): string | null {
  const value = optionalString(root, path);
  if (value === null) return null;
  if (!/^[A-Za-z]{3}$/.test(value)) throw new MalformedRequestError("invalid_field", `${path} must be a three-letter ISO-4217 code.`);
  return value.toUpperCase();
}

/** Any ISO-8601 date-time with zone → canonical UTC `toISOString()`, so the sort key is stable. */
export function isoInstant(value: string, field: string): string {
  const millis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(millis)) throw new MalformedRequestError("invalid_field", `${field} must be an ISO-8601 date-time with a time zone.`);
  return new Date(millis).toISOString();
}

export function requiredIsoInstant(root: unknown, path: string): string {
  return isoInstant(requiredString(root, path), path);
}

/** Epoch seconds (Stripe `created`) → ISO. */
export function requiredEpochSecondsInstant(root: unknown, path: string): string {
  const value = at(root, path);
  if (value === undefined || value === null) throw new MalformedRequestError("missing_field", `${path} is required.`);
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value > 253402300799) {
    throw new MalformedRequestError("invalid_field", `${path} must be epoch seconds.`);
  }
  return new Date(value * 1000).toISOString();
}
