/** Soft or hard, from the provider's own reason code, with the provider's table (decline-codes.ts). */
import type { ProviderId } from "../../../contract/event-table";
import {
  ADYEN_REFUSAL_CODES,
  ADYEN_REFUSAL_REASONS,
  CHECKOUT_RESPONSE_CODES,
  GENERIC_DECLINE_CODES,
  SQUARE_ERROR_CODES,
  STRIPE_DECLINE_CODES,
  type DeclineReason,
} from "./decline-codes";

export interface Classification extends DeclineReason {
  /** False when no table lists the code: HARD by default, and worth a metric. */
  recognised: boolean;
}

/**
 * Unrecognised or missing codes are HARD: automatically retrying a decline we cannot read risks
 * the networks' excessive-retry fees for little chance of success; a human can still retry.
 */
const UNRECOGNISED_SOURCE = "https://docs.stripe.com/declines/card#retrying-issuer-declines";

export function classifyDecline(provider: ProviderId, failureCode: string): Classification {
  const code = failureCode.trim();
  if (code === "") {
    return { category: "HARD", recognised: false, source: UNRECOGNISED_SOURCE, description: "No decline reason from the provider: not retried automatically" };
  }
  const reason = lookup(provider, code);
  if (reason) return { ...reason, recognised: true };
  return { category: "HARD", recognised: false, source: UNRECOGNISED_SOURCE, description: `Unrecognised decline reason ${JSON.stringify(code)}: not retried automatically` };
}

function lookup(provider: ProviderId, code: string): DeclineReason | undefined {
  switch (provider) {
    case "stripe":
      return STRIPE_DECLINE_CODES[code.toLowerCase()];
    case "adyen": {
      const text = code.toLowerCase().replace(/\s+/g, " ");
      return ADYEN_REFUSAL_REASONS[ADYEN_REFUSAL_CODES[text] ?? text];
    }
    case "square":
      return SQUARE_ERROR_CODES[code.toUpperCase()];
    case "checkout":
      return CHECKOUT_RESPONSE_CODES[code.toUpperCase()];
    case "generic":
    case "standard-webhooks": {
      const key = code.toLowerCase().replace(/[\s-]+/g, "_");
      return GENERIC_DECLINE_CODES[key] ?? STRIPE_DECLINE_CODES[key];
    }
  }
}

/** Provider event types that report a declined capture, not a declined charge. */
const CAPTURE_DECLINE_EVENT_TYPES: Readonly<Partial<Record<ProviderId, readonly string[]>>> = {
  // https://www.checkout.com/docs/workflows/webhook-event-types/payment_capture_declined
  checkout: ["payment_capture_declined"],
  // https://docs.adyen.com/api-explorer/Webhooks/1/post/CAPTURE_FAILED (and CAPTURE with success=false)
  adyen: ["CAPTURE", "CAPTURE_FAILED"],
};

export function isCaptureDecline(provider: ProviderId, eventType: string): boolean {
  return CAPTURE_DECLINE_EVENT_TYPES[provider]?.includes(eventType) ?? false;
}
