/**
 * DynamoDB's JSON wire shapes as the front handles them: items stay in their wire form
 * (`{"S": "..."}`, base64 binaries) from the client to the stream record, never converted.
 */
export type WireAttributeValue = Record<string, unknown>;
export type WireItem = Record<string, WireAttributeValue>;

export type StreamViewType = "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES" | "KEYS_ONLY";
export const STREAM_VIEW_TYPES: readonly StreamViewType[] = ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"];

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: "HASH" | "RANGE";
}

/** The key attributes of an item, in key-schema order. */
export function keyOf(item: WireItem, keySchema: readonly KeySchemaElement[]): WireItem | undefined {
  const key: WireItem = {};
  for (const { AttributeName } of keySchema) {
    const value = item[AttributeName];
    if (value === undefined) return undefined;
    key[AttributeName] = value;
  }
  return key;
}

/**
 * A canonical string for an item or value: object keys sorted, set members sorted (a set has no
 * order, and two reads may list it differently), so equal items give equal strings.
 */
export function canonical(value: unknown, setMember = false): string {
  if (Array.isArray(value)) {
    const members = value.map((member) => canonical(member));
    return `[${(setMember ? members.sort() : members).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item, name === "SS" || name === "NS" || name === "BS")}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
