/** Drives the pure core directly: fixed clock, in-memory store, the test secrets and settings. */
import { identityItemKey, type EventItem, type ProviderId } from "../../../contract/event-table";
import { parseProviderSettings } from "../../../contract/provider-settings";
import { parseSigningSecrets } from "../../../contract/signing-secrets";
import { processWebhook, type ValidatorDependencies, type WebhookAccepted } from "../../../lambda/webhook-validator/core/process-webhook";
import { headersFrom, type WebhookRequest } from "../../../lambda/webhook-validator/core/webhook-request";
import { WebhookError } from "../../../lambda/webhook-validator/errors";
import type { EventStore, PutOutcome } from "../../../lambda/webhook-validator/storage/event-store";
import type { Delivery } from "./signed-deliveries";
import { TEST_PROVIDER_SETTINGS_JSON, TEST_SECRETS } from "./test-secrets";

/**
 * Same semantics as the store's transaction (EVENT item + IDENTITY item, both conditional), for
 * tests that are about verification, not DynamoDB: a duplicate is a provider event id seen before
 * or an EVENT key taken.
 */
export class InMemoryEventStore implements EventStore {
  readonly items = new Map<string, EventItem>();
  readonly identities = new Set<string>();
  async putIfAbsent(item: EventItem): Promise<PutOutcome> {
    const key = `${item.paymentId}\u0000${item.timestamp}`;
    const identity = identityItemKey(item.provider, item.eventId);
    if (this.items.has(key) || this.identities.has(identity)) return "duplicate";
    this.items.set(key, item);
    this.identities.add(identity);
    return "stored";
  }
}

export const silentLog = { warn: () => undefined };

export function coreDeps(nowSeconds: number, overrides: Partial<ValidatorDependencies> = {}): ValidatorDependencies {
  return {
    now: () => new Date(nowSeconds * 1000),
    store: new InMemoryEventStore(),
    secrets: parseSigningSecrets(TEST_SECRETS, "WEBHOOK_SIGNING_SECRETS"),
    settings: parseProviderSettings(TEST_PROVIDER_SETTINGS_JSON, "WEBHOOK_PROVIDER_SETTINGS"),
    retentionDays: 30,
    log: silentLog,
    ...overrides,
  };
}

export function requestFor(provider: ProviderId | undefined, delivery: Delivery, overrides: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    method: "POST",
    providerSegment: provider,
    headers: headersFrom(delivery.headers),
    body: delivery.body,
    isBase64Encoded: false,
    reportedUrl: "https://hooks.example.test/prod/webhooks/square",
    ...overrides,
  };
}

export type CoreOutcome = { ok: true; result: WebhookAccepted } | { ok: false; code: string; error: WebhookError };

/** Runs the core and returns the outcome; non-WebhookErrors (bugs) are rethrown. */
export async function runCore(request: WebhookRequest, deps: ValidatorDependencies): Promise<CoreOutcome> {
  try {
    return { ok: true, result: await processWebhook(request, deps) };
  } catch (error) {
    if (error instanceof WebhookError) return { ok: false, code: error.code, error };
    throw error;
  }
}
