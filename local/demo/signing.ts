/**
 * Signs a webhook body the way each provider does, with the validator's own signing helpers
 * (the demo and the end-to-end tests never hard-code a signature).
 */
import type { ProviderId } from "../../contract/event-table";
import { DEFAULT_PROVIDER_SETTINGS } from "../../contract/provider-settings";
import { adyenNotificationItems, signAdyenItem } from "../../lambda/webhook-validator/providers/adyen";
import { signCheckout } from "../../lambda/webhook-validator/providers/checkout";
import { signGenericHmac } from "../../lambda/webhook-validator/providers/generic-hmac";
import { signSquare } from "../../lambda/webhook-validator/providers/square";
import { signStandardWebhooks } from "../../lambda/webhook-validator/providers/standard-webhooks";
import { signStripe } from "../../lambda/webhook-validator/providers/stripe";

export interface SignedWebhook {
  provider: ProviderId;
  body: string;
  headers: Record<string, string>;
}

export interface SigningContext {
  secret: string;
  /** Square signs the URL it delivers to. */
  squareNotificationUrl: string;
  now?: Date;
  /** Standard Webhooks message id (its event id). */
  messageId?: string;
}

export function signWebhook(provider: ProviderId, body: string, context: SigningContext): SignedWebhook {
  const timestamp = Math.floor((context.now ?? new Date()).getTime() / 1000);
  const json = { "Content-Type": "application/json" };
  switch (provider) {
    case "stripe":
      return { provider, body, headers: { ...json, "Stripe-Signature": signStripe({ payload: body, secret: context.secret, timestamp }) } };
    case "standard-webhooks":
      return {
        provider,
        body,
        headers: { ...json, ...signStandardWebhooks({ payload: body, secret: context.secret, id: context.messageId ?? `msg_${timestamp}`, timestamp }) },
      };
    case "adyen": {
      // Adyen signs each notification item inside the body.
      const notification = JSON.parse(body) as { notificationItems: Array<{ NotificationRequestItem: Record<string, unknown> }> };
      adyenNotificationItems(notification).forEach((item, index) => {
        notification.notificationItems[index]!.NotificationRequestItem = signAdyenItem(item, context.secret);
      });
      return { provider, body: JSON.stringify(notification), headers: json };
    }
    case "square":
      return {
        provider,
        body,
        headers: { ...json, "x-square-hmacsha256-signature": signSquare({ payload: body, secret: context.secret, notificationUrl: context.squareNotificationUrl }) },
      };
    case "checkout":
      return { provider, body, headers: { ...json, "Cko-Signature": signCheckout({ payload: body, secret: context.secret }) } };
    case "generic":
      return { provider, body, headers: { ...json, ...signGenericHmac({ payload: body, secret: context.secret, settings: DEFAULT_PROVIDER_SETTINGS.generic }) } };
  }
}
