/**
 * The supported providers: how each is detected, authenticated and normalised. Adding a
 * provider = a verifier in providers/, a mapping in normalise/, an entry here (docs/providers.md).
 */
import type { ProviderId } from "../../../contract/event-table";
import type { ProviderSettings } from "../../../contract/provider-settings";
import type { Headers } from "../core/webhook-request";
import { AuthenticationError } from "../errors";
import { normaliseAdyen } from "../normalise/adyen";
import { normaliseCheckout } from "../normalise/checkout";
import { normaliseGeneric } from "../normalise/generic";
import type { ProviderMapping } from "../normalise/normalisation-input";
import { normaliseSquare } from "../normalise/square";
import { normaliseStandardWebhooks } from "../normalise/standard-webhooks";
import { normaliseStripe } from "../normalise/stripe";
import { adyenNotificationItems, verifyAdyenItems } from "./adyen";
import { CHECKOUT_SIGNATURE_HEADER, verifyCheckoutSignature } from "./checkout";
import { verifyGenericHmacSignature } from "./generic-hmac";
import { SQUARE_LEGACY_SIGNATURE_HEADER, SQUARE_SIGNATURE_HEADER, verifySquareSignature } from "./square";
import { STANDARD_WEBHOOKS_DETECTION_HEADERS, verifyStandardWebhooksSignature } from "./standard-webhooks";
import { STRIPE_SIGNATURE_HEADER, verifyStripeSignature } from "./stripe";

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

export interface ProviderAdapter {
  id: ProviderId;
  /** Headers whose presence identifies the provider on `POST /webhooks`; empty = path only. */
  detectionHeaders(settings: ProviderSettings): readonly string[];
  /** Throws AuthenticationError (401) or MalformedRequestError (400); returns only when authentic. */
  authenticate(delivery: Delivery, context: AuthenticationContext): void;
  normalise: ProviderMapping;
}

const stripe: ProviderAdapter = {
  id: "stripe",
  detectionHeaders: () => [STRIPE_SIGNATURE_HEADER],
  authenticate: ({ rawBody, headers }, { secrets, settings, now }) =>
    verifyStripeSignature({ rawBody, headers, secrets, now, toleranceSeconds: settings.stripe.toleranceSeconds }),
  normalise: normaliseStripe,
};

const standardWebhooks: ProviderAdapter = {
  id: "standard-webhooks",
  detectionHeaders: () => STANDARD_WEBHOOKS_DETECTION_HEADERS,
  authenticate: ({ rawBody, headers }, { secrets, settings, now }) =>
    verifyStandardWebhooksSignature({ rawBody, headers, secrets, now, toleranceSeconds: settings["standard-webhooks"].toleranceSeconds }),
  normalise: normaliseStandardWebhooks,
};

const adyen: ProviderAdapter = {
  id: "adyen",
  // Adyen signs inside the body and sends no identifying header: it must use /webhooks/adyen.
  detectionHeaders: () => [],
  authenticate: (delivery, { secrets }) => verifyAdyenItems({ items: adyenNotificationItems(delivery.json()), secrets }),
  normalise: normaliseAdyen,
};

const square: ProviderAdapter = {
  id: "square",
  detectionHeaders: () => [SQUARE_SIGNATURE_HEADER, SQUARE_LEGACY_SIGNATURE_HEADER],
  authenticate: ({ rawBody, headers, reportedUrl }, { secrets, settings, log }) => {
    let notificationUrl = settings.square.notificationUrl;
    if (notificationUrl === undefined) {
      if (reportedUrl === undefined) {
        throw new AuthenticationError("provider_not_configured", "Square's notification URL is not configured, so its signature cannot be checked.");
      }
      log.warn("square.notificationUrl not configured; verifying against the URL API Gateway reports", { reportedUrl });
      notificationUrl = reportedUrl;
    }
    verifySquareSignature({ rawBody, headers, secrets, notificationUrl });
  },
  normalise: normaliseSquare,
};

const checkout: ProviderAdapter = {
  id: "checkout",
  detectionHeaders: () => [CHECKOUT_SIGNATURE_HEADER],
  authenticate: ({ rawBody, headers }, { secrets }) => verifyCheckoutSignature({ rawBody, headers, secrets }),
  normalise: normaliseCheckout,
};

const generic: ProviderAdapter = {
  id: "generic",
  detectionHeaders: (settings) => [settings.generic.signatureHeader],
  authenticate: ({ rawBody, headers }, { secrets, settings }) =>
    verifyGenericHmacSignature({ rawBody, headers, secrets, settings: settings.generic }),
  normalise: normaliseGeneric,
};

export const PROVIDER_ADAPTERS: ReadonlyMap<string, ProviderAdapter> = new Map(
  [stripe, standardWebhooks, adyen, square, checkout, generic].map((adapter) => [adapter.id, adapter]),
);
