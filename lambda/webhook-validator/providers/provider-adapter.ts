/**
 * What every provider module exports: one object that detects, authenticates, normalises and
 * (for tests and the local demo) signs deliveries of its provider. The core only talks to this
 * interface; the registry lists the modules.
 */
import type { ProviderId } from "../../../contract/event-table";
import type { ProviderSettings } from "../../../contract/provider-settings";
import type { Headers } from "../core/webhook-request";
import type { NormalisedEvent } from "../normalised-event";

/** A received delivery; `json()` parses (once) and throws a 400 on invalid UTF-8 or JSON. */
export interface Delivery {
  rawBody: Buffer;
  headers: Headers;
  reportedUrl: string | undefined;
  json(): unknown;
}

export interface WarningLog {
  warn(message: string, extra: Record<string, unknown>): void;
}

export interface AuthenticationContext {
  secrets: readonly string[];
  settings: ProviderSettings;
  now: Date;
  log: WarningLog;
}

/** What every normalisation receives: the verified, parsed delivery. */
export interface NormalisationInput {
  json: unknown;
  headers: Headers;
  receivedAt: string;
  rawPayload: string;
}

/**
 * What to sign. Each provider reads only what its scheme needs: `now` for schemes that sign a
 * time, `settings` (default: the contract's defaults) for the generic scheme's header and
 * encoding, `notificationUrl` (default: `settings.square.notificationUrl`) for Square,
 * `messageId` for Standard Webhooks.
 */
export interface SignRequest<Body extends string | Buffer = string | Buffer> {
  body: Body;
  secret: string;
  now: Date;
  settings?: ProviderSettings;
  notificationUrl?: string;
  messageId?: string;
}

/** A delivery as the provider would send it. The body is the input's, except where the provider signs inside it (Adyen). */
export interface SignedDelivery<Body extends string | Buffer = string | Buffer> {
  body: Body;
  /** Only the headers the scheme adds; the caller adds Content-Type and the like. */
  headers: Record<string, string>;
}

/**
 * What identifies an event of the provider and what orders it, both taken only from data the
 * signature covers (docs/providers.md, "Identity and order").
 */
export interface EventIdentity {
  /** Where the event id comes from, e.g. "body `id`" or "`webhook-id` header". */
  eventId: string;
  /** Where the signed event time comes from; null when the provider signs none (the processor then orders by lifecycle). */
  signedTime: string | null;
  /** Unsigned parts a replay can change, which must never change identity or order. */
  unsigned: string;
}

export interface ProviderAdapter {
  id: ProviderId;
  identity: EventIdentity;
  /** Headers whose presence identifies the provider on `POST /webhooks`; empty = path only. */
  detectionHeaders(settings: ProviderSettings): readonly string[];
  /** Throws AuthenticationError (401) or MalformedRequestError (400); returns only when authentic. */
  authenticate(delivery: Delivery, context: AuthenticationContext): void;
  /** One event per provider notification (an Adyen batch may hold several); MalformedRequestError (400) names a bad field. */
  normalise(input: NormalisationInput): NormalisedEvent[];
  /**
   * A valid delivery of `body`, like stripe-node's `generateTestHeaderString` next to its
   * `verifyHeader`: used by tests and the local demo, never by the handler.
   */
  sign<Body extends string | Buffer>(request: SignRequest<Body>): SignedDelivery<Body>;
}
