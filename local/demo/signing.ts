/**
 * Signs a webhook body the way its provider does, with the provider module's own `sign` (the
 * demo and the end-to-end tests never hard-code a signature).
 */
import type { ProviderId } from "../../contract/event-table";
import { providerAdapter } from "../../lambda/webhook-validator/providers/registry";

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
  const signed = providerAdapter(provider).sign({
    body,
    secret: context.secret,
    now: context.now ?? new Date(),
    notificationUrl: context.squareNotificationUrl,
    messageId: context.messageId,
  });
  return { provider, body: signed.body, headers: { "Content-Type": "application/json", ...signed.headers } };
}
