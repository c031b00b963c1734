/**
 * Builds correctly signed deliveries for any provider with the independent reference signers,
 * so every test (mutations, properties, fixtures) starts from a request the provider itself
 * would send.
 */
import type { ProviderId } from "../../../contract/event-table";
import { referenceSign } from "./reference-signers";
import { TEST_GENERIC_SETTINGS, TEST_NOTIFICATION_URL, TEST_SECRETS } from "./test-secrets";

export interface SignOptions {
  /** Defaults to the provider's first test secret. */
  secret?: string;
  /** Epoch seconds signed into Stripe / Standard Webhooks headers. */
  timestamp: number;
  /** Scheme/version marker: Stripe `v1`/`v0`, Standard Webhooks `v1`/`v1a`, Square `sha256`/`sha1`, generic prefix. */
  scheme?: string;
  /** Standard Webhooks message id. */
  messageId?: string;
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs `body` as the provider would. A Buffer body (raw bytes, e.g. not UTF-8) is signed as is
 * and returned base64-encoded, as API Gateway delivers binary bodies. Adyen needs JSON text.
 */
export function signDelivery(provider: ProviderId, body: string | Buffer, options: SignOptions): Delivery {
  const secret = options.secret ?? TEST_SECRETS[provider][0];
  const text = typeof body === "string" ? body : body.toString("base64");
  switch (provider) {
    case "stripe":
      return { body: text, headers: { "Stripe-Signature": referenceSign.stripe(body, secret, options.timestamp, options.scheme) } };
    case "standard-webhooks": {
      const id = options.messageId ?? "msg_2Lq3E8xCvYQm9Jt4PzU7kWnR";
      return {
        body: text,
        headers: {
          "webhook-id": id,
          "webhook-timestamp": String(options.timestamp),
          "webhook-signature": referenceSign.standardWebhooks(body, secret, id, options.timestamp, options.scheme),
        },
      };
    }
    case "adyen":
      if (typeof body !== "string") throw new Error("Adyen signs inside its JSON body; pass the body as text.");
      return { body: signAdyenBody(body, secret), headers: { "Content-Type": "application/json" } };
    case "square": {
      const signature = referenceSign.square(body, secret, TEST_NOTIFICATION_URL);
      const header = options.scheme === "sha1" ? "x-square-signature" : "x-square-hmacsha256-signature";
      return { body: text, headers: { [header]: signature } };
    }
    case "checkout":
      return { body: text, headers: { "Cko-Signature": referenceSign.checkout(body, secret) } };
    case "generic": {
      const { signatureHeader, encoding, prefix } = TEST_GENERIC_SETTINGS;
      return { body: text, headers: { [signatureHeader]: (options.scheme ?? prefix) + referenceSign.generic(body, secret, encoding) } };
    }
  }
}

/** Adyen signs each item inside the body: returns the body with every hmacSignature set. */
function signAdyenBody(body: string, hexKey: string): string {
  const notification = JSON.parse(body) as { notificationItems: Array<{ NotificationRequestItem: Record<string, unknown> }> };
  for (const { NotificationRequestItem: item } of notification.notificationItems) {
    const amount = (item.amount ?? {}) as { value?: unknown; currency?: unknown };
    const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
    const signature = referenceSign.adyen(
      {
        psp: text(item.pspReference),
        original: text(item.originalReference),
        merchant: text(item.merchantAccountCode),
        reference: text(item.merchantReference),
        value: text(amount.value),
        currency: text(amount.currency),
        eventCode: text(item.eventCode),
        success: text(item.success),
      },
      hexKey,
    );
    item.additionalData = { ...((item.additionalData as object) ?? {}), hmacSignature: signature };
  }
  return JSON.stringify(notification);
}

/** A realistic body per provider, parameterised by event id so tests can avoid collisions. */
export function sampleBody(provider: ProviderId, eventId: string): string {
  switch (provider) {
    case "stripe":
      return JSON.stringify({
        id: eventId,
        object: "event",
        api_version: "2024-06-20",
        created: 1_732_000_000,
        type: "payment_intent.payment_failed",
        data: {
          object: {
            id: "pi_3QGdX2Lk9bN7",
            object: "payment_intent",
            amount: 2599,
            currency: "eur",
            status: "requires_payment_method",
            last_payment_error: { code: "card_declined", decline_code: "insufficient_funds" },
          },
        },
      });
    case "standard-webhooks":
      return JSON.stringify({
        type: "payment.succeeded",
        timestamp: "2024-11-19T07:06:40.123Z",
        data: { paymentId: "pay_sw_8821", status: "succeeded", amount: 1250, currency: "usd", eventRef: eventId },
      });
    case "adyen":
      return JSON.stringify({
        live: "false",
        notificationItems: [
          {
            NotificationRequestItem: {
              additionalData: { authCode: "012345" },
              amount: { currency: "EUR", value: 1000 },
              eventCode: "AUTHORISATION",
              eventDate: "2024-11-19T08:06:40+01:00",
              merchantAccountCode: "ExampleMerchantECOM",
              merchantReference: "order-5521",
              pspReference: eventId,
              reason: "",
              success: "true",
            },
          },
        ],
      });
    case "square":
      return JSON.stringify({
        merchant_id: "MLBX5TQ0DA4J2",
        type: "payment.updated",
        event_id: eventId,
        created_at: "2024-11-19T07:06:40.123Z",
        data: {
          type: "payment",
          id: "KkAkhdMsgzn59SM8A89WgKwekxLZY",
          object: { payment: { id: "KkAkhdMsgzn59SM8A89WgKwekxLZY", amount_money: { amount: 4200, currency: "USD" }, status: "COMPLETED" } },
        },
      });
    case "checkout":
      return JSON.stringify({
        id: eventId,
        type: "payment_captured",
        version: "1.0.33",
        created_on: "2024-11-19T07:06:40Z",
        data: { id: "pay_mbabizu24mvu3mela5njyhpit4", action_id: "act_y3oqhf46pyzuxjbcn2giaqnb44", amount: 6540, currency: "GBP", response_code: "10000" },
      });
    case "generic":
      return JSON.stringify({
        id: eventId,
        type: "payment.refunded",
        occurredAt: "2024-11-19T07:06:40.000Z",
        paymentId: "gen-pay-77",
        status: "refunded",
        amount: 500,
        currency: "CHF",
      });
  }
}
