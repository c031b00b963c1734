/**
 * Stripe (docs.stripe.com/webhooks#verify-manually).
 *
 * Signature: `Stripe-Signature: t=<epoch s>,v1=<hex>[,v1=<hex>…][,v0=…]`, where
 * v1 = hex(HMAC-SHA256(endpoint secret, `${t}.${rawBody}`)). Only v1 is accepted (v0 is the
 * test-mode legacy scheme). Several v1 entries are sent while Stripe rolls an endpoint secret.
 *
 * Identity and order (signed data only):
 * | identity | signed time | unsigned (a replay may change it) |
 * | body `id` (`evt_…`) | body `created`; the delivery time `t` bounds replays (±`toleranceSeconds`, default 300 s) | every other header; `Stripe-Signature` entries other than `t` and `v1` |
 * Deduplication is on `id` alone (its IDENTITY item, contract/event-table.ts), so a redelivery
 * with a new `t` is a duplicate. The processor orders Stripe events by `created`.
 *
 * Payment: the PaymentIntent — `data.object.id` for payment_intent.* events,
 * `data.object.payment_intent` for charges, refunds and disputes (falling back to the charge id
 * for charges without an intent).
 */
import { normaliseCardNetwork, type DeclineSignals } from "../../../contract/decline-signals";
import type { PaymentStatus } from "../../../contract/event-table";
import { detectionHeadersOf, STRIPE } from "../../../contract/providers";
import { anySignatureMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";
import type { NormalisedEvent } from "../normalised-event";
import { at, identifier, optionalCurrency, optionalMinorAmount, optionalString, requiredEpochSecondsInstant, requiredId, requiredString } from "../normalise/fields";
import type { NormalisationInput, ProviderAdapter } from "./provider-adapter";
import { assertWithinTolerance, epochSeconds, parseEpochSeconds } from "./timestamp-window";

const SIGNATURE_HEADER = STRIPE.signatureHeaders[0];
const EXPECTED_SCHEME = "v1";

export interface StripeVerification {
  rawBody: Buffer;
  headers: Headers;
  secrets: readonly string[];
  now: Date;
  toleranceSeconds: number;
}

export function verifyStripeSignature({ rawBody, headers, secrets, now, toleranceSeconds }: StripeVerification): void {
  const header = headers.get(SIGNATURE_HEADER);
  if (header === undefined) throw new AuthenticationError("missing_signature", "Missing Stripe-Signature header.");

  let timestampText: string | undefined;
  const signaturesByScheme = new Map<string, string[]>();
  for (const element of header.split(",")) {
    const separator = element.indexOf("=");
    if (separator <= 0) continue;
    const key = element.slice(0, separator);
    const value = element.slice(separator + 1);
    if (key === "t") timestampText = value;
    else signaturesByScheme.set(key, [...(signaturesByScheme.get(key) ?? []), value]);
  }
  const timestamp = parseEpochSeconds(timestampText);
  if (timestamp === undefined) {
    throw new AuthenticationError("malformed_signature", "Unable to extract a timestamp (t=) from the Stripe-Signature header.");
  }
  const candidates = signaturesByScheme.get(EXPECTED_SCHEME) ?? [];
  if (candidates.length === 0) {
    throw new AuthenticationError("unsupported_signature_scheme", `No ${EXPECTED_SCHEME} signature in the Stripe-Signature header.`);
  }

  const expected = secrets.map((secret) => stripeSignature(secret, timestamp, rawBody));
  if (!anySignatureMatches(expected, candidates)) throw new AuthenticationError("signature_mismatch", "No Stripe signature matches the payload.");
  assertWithinTolerance(timestamp, now, toleranceSeconds);
}

function stripeSignature(secret: string, timestamp: number, rawBody: Buffer): string {
  return hmacSha256(secret, `${timestamp}.`, rawBody).toString("hex");
}

const STATUS_BY_TYPE: Record<string, PaymentStatus> = {
  "payment_intent.created": "PENDING",
  "payment_intent.processing": "PENDING",
  "payment_intent.requires_action": "PENDING",
  "payment_intent.amount_capturable_updated": "AUTHORIZED",
  "payment_intent.succeeded": "SUCCEEDED",
  "payment_intent.payment_failed": "FAILED",
  "payment_intent.canceled": "CANCELED",
  "charge.pending": "PENDING",
  "charge.succeeded": "SUCCEEDED",
  "charge.captured": "SUCCEEDED",
  "charge.failed": "FAILED",
  "charge.expired": "CANCELED",
  "charge.refunded": "REFUNDED",
  "charge.refund.updated": "REFUNDED",
  "refund.created": "REFUNDED",
  "charge.dispute.created": "DISPUTED",
  "charge.dispute.updated": "DISPUTED",
};

export function normaliseStripe({ json, receivedAt, rawPayload }: NormalisationInput): NormalisedEvent[] {
  const eventType = requiredString(json, "type");
  const object = at(json, "data.object");
  const objectKind = optionalString(object, "object");
  return [
    {
      provider: "stripe",
      eventId: requiredId(json, "id"),
      eventType,
      paymentId: stripePaymentId(object, objectKind),
      status: STATUS_BY_TYPE[eventType] ?? "UNKNOWN",
      amountMinor: optionalMinorAmount(object, "amount"),
      currency: optionalCurrency(object, "currency"),
      failureCode: stripeFailureCode(object, objectKind),
      declineSignals: stripeDeclineSignals(object, objectKind),
      occurredAt: requiredEpochSecondsInstant(json, "created"),
      receivedAt,
      rawPayload,
    },
  ];
}

/**
 * A charge's `failure_code` is the generic `card_declined`; the issuer's reason is its
 * `outcome.reason` (docs.stripe.com/api/charges/object#charge_object-outcome-reason). A
 * PaymentIntent carries it in `last_payment_error.decline_code`, with `code` as the fallback for
 * errors that are not issuer declines.
 */
function stripeFailureCode(object: unknown, objectKind: string | null): string | null {
  if (objectKind === "charge") return optionalString(object, "outcome.reason") ?? optionalString(object, "failure_code");
  if (objectKind === "dispute") return optionalString(object, "reason");
  return optionalString(object, "last_payment_error.decline_code") ?? optionalString(object, "last_payment_error.code") ?? optionalString(object, "failure_code");
}

/**
 * Advice and network codes sit in `outcome` on a charge and in `last_payment_error` on a
 * PaymentIntent (docs.stripe.com/changelog/acacia/2024-12-18/network-advice-code-network-decline-code).
 * The attempt is the charge: `charge.failed` and `payment_intent.payment_failed` of one decline
 * both name it (the charge's `id`, the error's `charge`).
 */
function stripeDeclineSignals(object: unknown, objectKind: string | null): Partial<DeclineSignals> | undefined {
  if (objectKind === "charge") {
    return {
      adviceCode: optionalString(object, "outcome.advice_code") ?? "",
      merchantAdviceCode: optionalString(object, "outcome.network_advice_code") ?? "",
      networkResponseCode: optionalString(object, "outcome.network_decline_code") ?? "",
      cardNetwork: normaliseCardNetwork(optionalString(object, "payment_method_details.card.network") ?? optionalString(object, "payment_method_details.card.brand")),
      attemptId: optionalString(object, "id") ?? "",
    };
  }
  if (objectKind === "payment_intent" && at(object, "last_payment_error") !== undefined && at(object, "last_payment_error") !== null) {
    return {
      adviceCode: optionalString(object, "last_payment_error.advice_code") ?? "",
      merchantAdviceCode: optionalString(object, "last_payment_error.network_advice_code") ?? "",
      networkResponseCode: optionalString(object, "last_payment_error.network_decline_code") ?? "",
      cardNetwork: normaliseCardNetwork(optionalString(object, "last_payment_error.payment_method.card.brand")),
      attemptId: optionalString(object, "last_payment_error.charge") ?? "",
    };
  }
  return undefined;
}

function stripePaymentId(object: unknown, objectKind: string | null): string | null {
  const reference =
    objectKind === "payment_intent"
      ? optionalString(object, "id")
      : (optionalString(object, "payment_intent") ?? (objectKind === "charge" ? optionalString(object, "id") : optionalString(object, "charge")));
  return reference === null ? null : identifier(reference, "data.object payment reference");
}

export const stripe: ProviderAdapter = {
  id: STRIPE.id,
  identity: {
    eventId: "body `id`",
    signedTime: "body `created` (epoch seconds)",
    unsigned: "headers other than Stripe-Signature; Stripe-Signature entries other than t and v1",
  },
  detectionHeaders: () => detectionHeadersOf(STRIPE),
  authenticate: ({ rawBody, headers }, { secrets, settings, now }) =>
    verifyStripeSignature({ rawBody, headers, secrets, now, toleranceSeconds: settings.stripe.toleranceSeconds }),
  normalise: normaliseStripe,
  sign: ({ body, secret, now }) => {
    const timestamp = epochSeconds(now);
    const signature = stripeSignature(secret, timestamp, Buffer.from(body));
    return { body, headers: { [SIGNATURE_HEADER]: `t=${timestamp},${EXPECTED_SCHEME}=${signature}` } };
  },
};
