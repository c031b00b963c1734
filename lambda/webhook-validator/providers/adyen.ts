/**
 * Adyen: the signature travels in the body, per notification item, in
 * `NotificationRequestItem.additionalData.hmacSignature` =
 * base64(HMAC-SHA256(hex-decoded key, "pspReference:originalReference:merchantAccountCode:
 * merchantReference:amount.value:amount.currency:eventCode:success")), absent fields as "".
 * EVERY item of a batch must verify, or the whole delivery is rejected. Fields outside the
 * signing string (eventDate, reason, other additionalData) are not covered by Adyen's HMAC.
 * There is no signed timestamp, so no replay window: the conditional put deduplicates replays.
 */
import { anyMatches, hmacSha256 } from "../crypto";
import { AuthenticationError, MalformedRequestError } from "../errors";

export type AdyenItem = Record<string, unknown>;

/** The `NotificationRequestItem`s of a notification, or a 400 naming what is missing. */
export function adyenNotificationItems(notification: unknown): AdyenItem[] {
  const items = isObject(notification) ? notification.notificationItems : undefined;
  if (!Array.isArray(items) || items.length === 0) {
    throw new MalformedRequestError("missing_field", "Adyen notification needs a non-empty notificationItems array.");
  }
  return items.map((wrapper, index) => {
    const item = isObject(wrapper) ? wrapper.NotificationRequestItem : undefined;
    if (!isObject(item)) {
      throw new MalformedRequestError("missing_field", `notificationItems[${index}].NotificationRequestItem is missing.`);
    }
    return item;
  });
}

export function adyenSigningString(item: AdyenItem): string {
  const amount = isObject(item.amount) ? item.amount : {};
  const fields: Array<[string, unknown]> = [
    ["pspReference", item.pspReference],
    ["originalReference", item.originalReference],
    ["merchantAccountCode", item.merchantAccountCode],
    ["merchantReference", item.merchantReference],
    ["amount.value", amount.value],
    ["amount.currency", amount.currency],
    ["eventCode", item.eventCode],
    ["success", item.success],
  ];
  return fields.map(([name, value]) => signingField(name, value)).join(":");
}

function signingField(name: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new MalformedRequestError("invalid_field", `Adyen field ${name} must be a string, number or boolean.`);
}

export function adyenSignature(hexKey: string, signingString: string): string {
  return hmacSha256(Buffer.from(hexKey, "hex"), signingString).toString("base64");
}

export function verifyAdyenItems({ items, secrets }: { items: readonly AdyenItem[]; secrets: readonly string[] }): void {
  items.forEach((item, index) => {
    const additionalData = isObject(item.additionalData) ? item.additionalData : {};
    const received = additionalData.hmacSignature;
    if (typeof received !== "string" || received === "") {
      throw new AuthenticationError("missing_signature", `Adyen notification item ${index} has no additionalData.hmacSignature.`);
    }
    const signingString = adyenSigningString(item);
    if (!secrets.some((key) => anyMatches(adyenSignature(key, signingString), [received]))) {
      throw new AuthenticationError("signature_mismatch", `Adyen notification item ${index} has an invalid hmacSignature; the whole batch is rejected.`);
    }
  });
}

/** Test/demo helper: returns the item with a valid `additionalData.hmacSignature`. */
export function signAdyenItem(item: AdyenItem, hexKey: string): AdyenItem {
  const additionalData = isObject(item.additionalData) ? item.additionalData : {};
  return { ...item, additionalData: { ...additionalData, hmacSignature: adyenSignature(hexKey, adyenSigningString(item)) } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Test/demo helper: a whole notification (`{ notificationItems: [...] }`) with every item signed. */
export function signAdyenNotification<T extends { notificationItems: Array<{ NotificationRequestItem: AdyenItem }> }>(notification: T, hexKey: string): T {
  return {
    ...notification,
    notificationItems: notification.notificationItems.map((wrapper) => ({ ...wrapper, NotificationRequestItem: signAdyenItem(wrapper.NotificationRequestItem, hexKey) })),
  };
}
