/**
 * A stream record's SizeBytes, from DynamoDB's documented item-size rules (attribute names and
 * values in UTF-8 bytes, numbers by significant digits, 1 byte for BOOL/NULL, 3 bytes of
 * overhead per List/Map plus 1 per element). AWS does not publish its exact formula for stream
 * records, so this is an estimate of the same order, not a byte-exact copy.
 */
import type { WireAttributeValue, WireItem } from "./wire-types";

export function itemSize(item: WireItem | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((total, [name, value]) => total + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: WireAttributeValue): number {
  const [type, content] = Object.entries(value)[0] ?? [];
  switch (type) {
    case "S":
      return Buffer.byteLength(content as string);
    case "N":
      return numberSize(content as string);
    case "B":
      return Buffer.from(content as string, "base64").length;
    case "BOOL":
    case "NULL":
      return 1;
    case "SS":
      return (content as string[]).reduce((sum, member) => sum + Buffer.byteLength(member), 0);
    case "NS":
      return (content as string[]).reduce((sum, member) => sum + numberSize(member), 0);
    case "BS":
      return (content as string[]).reduce((sum, member) => sum + Buffer.from(member, "base64").length, 0);
    case "L":
      return 3 + (content as WireAttributeValue[]).reduce((sum, member) => sum + 1 + valueSize(member), 0);
    case "M":
      return 3 + Object.entries(content as WireItem).reduce((sum, [name, member]) => sum + 1 + Buffer.byteLength(name) + valueSize(member), 0);
    default:
      return 0;
  }
}

function numberSize(number: string): number {
  const digits = number.replace(/^[-+]/, "").replace(/[eE].*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}
