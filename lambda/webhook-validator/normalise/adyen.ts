/**
 * Adyen notification → one PaymentEvent per NotificationRequestItem. The payment is the
 * original authorisation: `originalReference` on modifications (CAPTURE, REFUND, …), else
 * `pspReference`. Adyen identifies a notification by pspReference + eventCode + success (the
 * same event may arrive first with success=false, then true), so that triple is the event id.
 */
import type { PaymentStatus } from "../../../contract/event-table";
import { MalformedRequestError } from "../errors";
import type { PaymentEvent } from "../payment-event";
import { adyenNotificationItems } from "../providers/adyen";
import { at, identifier, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "./fields";
import type { NormalisationInput } from "./normalisation-input";

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

export function normaliseAdyen({ json, receivedAt, rawPayload }: NormalisationInput): PaymentEvent[] {
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

function normaliseItem(item: unknown, receivedAt: string, rawPayload: string): PaymentEvent {
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
    occurredAt: requiredIsoInstant(item, "eventDate"),
    receivedAt,
    rawPayload,
  };
}

function readSuccess(value: unknown): boolean {
  if (value === "true" || value === true) return true;
  if (value === "false" || value === false) return false;
  throw new MalformedRequestError(value === undefined ? "missing_field" : "invalid_field", 'success must be "true" or "false".');
}
