/**
 * Adyen (docs.adyen.com/development-resources/webhooks/verify-hmac-signatures).
 *
 * Signature: inside the body, per notification item, in
 * `NotificationRequestItem.additionalData.hmacSignature` =
 * base64(HMAC-SHA256(hex-decoded key, "pspReference:originalReference:merchantAccountCode:
 * merchantReference:amount.value:amount.currency:eventCode:success")), absent fields as "".
 * EVERY item of a batch must verify, or the whole delivery is rejected. Adyen sends no
 * identifying header, so it must use `/webhooks/adyen`.
 *
 * Identity and order (signed data only):
 * | identity | signed time | unsigned (a replay may change it) |
 * | `pspReference:eventCode:success` | none | `eventDate`, `reason`, `additionalData` (but the signature), `operations`, `paymentMethod`, `live`, every header, the items' order |
 * Adyen identifies a notification by pspReference + eventCode + success (the same event may
 * arrive first with success=false, then true), all in the signing string. originalReference is
 * signed too but adds nothing to the identity: every modification (capture, refund, …) gets its
 * own pspReference, so the original is fixed by it. There is no signed time, so no replay
 * window: `eventDate` is stored as `occurredAt` (and in the EVENT item's sort key) for people to
 * read, but deduplication is on the event id alone (its IDENTITY item, contract/event-table.ts),
 * so a replay with another `eventDate` is a duplicate, and the processor orders Adyen events by
 * the payment lifecycle, never by `eventDate` (contract/event-ordering.ts).
 *
 * Payment: the original authorisation — `originalReference` on modifications (CAPTURE,
 * REFUND, …), else `pspReference`.
 */
import { leadingCode, normaliseCardNetwork, type DeclineSignals } from "../../../contract/decline-signals";
import type { PaymentStatus } from "../../../contract/event-table";
import { ADYEN, detectionHeadersOf } from "../../../contract/providers";
import { anySignatureMatches, hmacSha256 } from "../crypto";
import { AuthenticationError, MalformedRequestError } from "../errors";
import type { NormalisedEvent } from "../normalised-event";
import { at, identifier, isObject, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "../normalise/fields";
import type { NormalisationInput, ProviderAdapter } from "./provider-adapter";

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
    const expected = secrets.map((key) => adyenSignature(key, signingString));
    if (!anySignatureMatches(expected, [received])) {
      throw new AuthenticationError("signature_mismatch", `Adyen notification item ${index} has an invalid hmacSignature; the whole batch is rejected.`);
    }
  });
}

/** [status when success=true, status when success=false] */
const STATUS_BY_EVENT_CODE: Record<string, [PaymentStatus, PaymentStatus]> = {
  AUTHORISATION: ["AUTHORIZED", "FAILED"],
  CAPTURE: ["SUCCEEDED", "FAILED"],
  CAPTURE_FAILED: ["FAILED", "FAILED"],
  CANCELLATION: ["CANCELED", "UNKNOWN"],
  CANCEL_OR_REFUND: ["CANCELED", "UNKNOWN"],
  REFUND: ["REFUNDED", "UNKNOWN"],
  REFUND_FAILED: ["UNKNOWN", "UNKNOWN"],
  CHARGEBACK: ["DISPUTED", "DISPUTED"],
  NOTIFICATION_OF_CHARGEBACK: ["DISPUTED", "DISPUTED"],
  REQUEST_FOR_INFORMATION: ["DISPUTED", "DISPUTED"],
  PENDING: ["PENDING", "PENDING"],
};

/** One event per NotificationRequestItem. */
export function normaliseAdyen({ json, receivedAt, rawPayload }: NormalisationInput): NormalisedEvent[] {
  return adyenNotificationItems(json).map((item, index) => {
    try {
      return normaliseItem(item, receivedAt, rawPayload);
    } catch (error) {
      if (error instanceof MalformedRequestError) {
        throw new MalformedRequestError(error.code, `notificationItems[${index}].NotificationRequestItem: ${error.message}`);
      }
      throw error;
    }
  });
}

function normaliseItem(item: unknown, receivedAt: string, rawPayload: string): NormalisedEvent {
  const eventCode = requiredString(item, "eventCode");
  const success = readSuccess(at(item, "success"));
  const pspReference = requiredId(item, "pspReference");
  const [onSuccess, onFailure] = STATUS_BY_EVENT_CODE[eventCode] ?? ["UNKNOWN", "UNKNOWN"];
  return {
    provider: "adyen",
    eventId: identifier(`${pspReference}:${eventCode}:${success}`, "pspReference:eventCode:success"),
    eventType: eventCode,
    paymentId: optionalId(item, "originalReference") ?? pspReference,
    status: success ? onSuccess : onFailure,
    amountMinor: optionalMinorAmount(item, "amount.value"),
    currency: optionalCurrency(item, "amount.currency"),
    failureCode: success ? null : optionalString(item, "reason"),
    declineSignals: success ? undefined : adyenDeclineSignals(item, pspReference),
    occurredAt: requiredIsoInstant(item, "eventDate"),
    receivedAt,
    rawPayload,
  };
}

/**
 * The webhook carries the refusal reason's text in `reason`, not the numeric refusalReasonCode.
 * `additionalData.merchantAdviceCode` ("03 : Do not try again"-style, Mastercard only) and
 * `additionalData.refusalReasonRaw` (the scheme's raw response, only when "raw acquirer result"
 * is enabled) add the networks' advice (docs.adyen.com/development-resources/raw-acquirer-responses).
 * The card network is the item's `paymentMethod` (`visa`, `mc`, …); the attempt is the
 * authorisation's pspReference.
 */
function adyenDeclineSignals(item: unknown, pspReference: string): Partial<DeclineSignals> {
  const mac = optionalString(item, "additionalData.merchantAdviceCode");
  return {
    merchantAdviceCode: leadingCode(mac) || (mac ?? ""),
    networkResponseCode: leadingCode(optionalString(item, "additionalData.refusalReasonRaw")),
    cardNetwork: normaliseCardNetwork(optionalString(item, "paymentMethod")),
    attemptId: pspReference,
  };
}

function readSuccess(value: unknown): boolean {
  if (value === "true" || value === true) return true;
  if (value === "false" || value === false) return false;
  throw new MalformedRequestError(value === undefined ? "missing_field" : "invalid_field", 'success must be "true" or "false".');
}

/** The notification with every item's `additionalData.hmacSignature` set; the body must be a JSON notification. */
function signNotification(text: string, hexKey: string): string {
  const notification: unknown = JSON.parse(text);
  adyenNotificationItems(notification).forEach((item) => {
    const additionalData = isObject(item.additionalData) ? item.additionalData : {};
    item.additionalData = { ...additionalData, hmacSignature: adyenSignature(hexKey, adyenSigningString(item)) };
  });
  return JSON.stringify(notification);
}

export const adyen: ProviderAdapter = {
  id: ADYEN.id,
  identity: {
    eventId: "item `pspReference:eventCode:success`",
    signedTime: null,
    unsigned: "eventDate, reason, additionalData except hmacSignature, operations, paymentMethod, live, every header, the items' order",
  },
  detectionHeaders: () => detectionHeadersOf(ADYEN),
  authenticate: (delivery, { secrets }) => verifyAdyenItems({ items: adyenNotificationItems(delivery.json()), secrets }),
  normalise: normaliseAdyen,
  // Adyen signs inside the body, so signing rewrites it (as JSON.stringify writes it).
  sign: <Body extends string | Buffer>({ body, secret }: { body: Body; secret: string }) => {
    const signed = signNotification(typeof body === "string" ? body : body.toString("utf8"), secret);
    return { body: (typeof body === "string" ? signed : Buffer.from(signed, "utf8")) as Body, headers: {} };
  },
};
