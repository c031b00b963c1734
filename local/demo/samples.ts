/**
 * The sample bodies in examples/webhooks/, and a way to re-key them (event id, payment id,
 * time) so the end-to-end and load tests can send many distinct events of every provider.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROVIDERS, type ProviderId } from "../../contract/event-table";
import { EXAMPLES_DIR } from "../runtime/config";

export function readSample(name: string): string {
  return readFileSync(join(EXAMPLES_DIR, "webhooks", `${name}.json`), "utf8");
}

export function sampleFor(provider: ProviderId): string {
  return readSample(provider);
}

export { PROVIDERS };

export interface Rekey {
  eventId: string;
  paymentId: string;
  /** ISO-8601 instant the provider says the event happened. */
  occurredAt?: string;
}

/** The provider's sample with its event id, payment reference and (where it has one) time replaced. */
export function rekeySample(provider: ProviderId, key: Rekey): string {
  const body = JSON.parse(sampleFor(provider)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const at = key.occurredAt;
  switch (provider) {
    case "stripe":
      body.id = key.eventId;
      body.data.object.id = key.paymentId;
      if (at) body.created = Math.floor(Date.parse(at) / 1000);
      break;
    case "standard-webhooks":
      body.data.eventRef = key.eventId;
      body.data.paymentId = key.paymentId;
      if (at) body.timestamp = at;
      break;
    case "adyen": {
      const item = body.notificationItems[0].NotificationRequestItem;
      item.pspReference = key.eventId;
      item.merchantReference = key.paymentId;
      if (at) item.eventDate = at;
      break;
    }
    case "square":
      body.event_id = key.eventId;
      body.data.id = key.paymentId;
      body.data.object.payment.id = key.paymentId;
      if (at) body.created_at = at;
      break;
    case "checkout":
      body.id = key.eventId;
      body.data.id = key.paymentId;
      if (at) body.created_on = at;
      break;
    case "generic":
      body.id = key.eventId;
      body.paymentId = key.paymentId;
      if (at) body.occurredAt = at;
      break;
  }
  return JSON.stringify(body);
}
