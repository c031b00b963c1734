/**
 * What the stack's config parser and the validator must agree on about each provider: its id
 * (also the `{provider}` path segment), the headers that carry its signature, the shape of its
 * signing secret and the settings it takes. Pure data and format checks only: how a provider
 * authenticates, normalises and signs lives in its module, lambda/webhook-validator/providers/<id>.ts,
 * which reads its header names from the descriptor here, so `pulumi up` refuses a malformed
 * secret without loading any provider code.
 *
 * Descriptors are `as const`: a provider module can name `STRIPE.signatureHeaders[0]` with its
 * literal type instead of repeating the header name.
 */
import type { ProviderId } from "./event-table";

export interface SecretFormat {
  valid(secret: string): boolean;
  /** Completes "must be …" in an error message; never echoes the secret. */
  expected: string;
}

export interface ProviderDescriptor {
  id: ProviderId;
  /**
   * Lower-cased headers that carry the signature and so identify the provider on
   * `POST /webhooks`. Empty: the provider signs inside the body and must use its own path.
   */
  signatureHeaders: readonly string[];
  /** Headers the provider sends that are never accepted (an older, weaker scheme). */
  refusedSignatureHeaders: readonly string[];
  /** undefined = any non-empty string. */
  secretFormat?: SecretFormat;
  /** Keys the provider accepts under WEBHOOK_PROVIDER_SETTINGS / `providerSettings`. */
  settingsKeys: readonly string[];
}

const STANDARD_WEBHOOKS_SECRET_PREFIX = "whsec_";

/** Standard Webhooks secrets are base64 keys, by convention prefixed `whsec_` (standardwebhooks.com spec, "Signature scheme"). */
export function standardWebhooksSecretKey(secret: string): string {
  return secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX) ? secret.slice(STANDARD_WEBHOOKS_SECRET_PREFIX.length) : secret;
}

export const STRIPE = {
  id: "stripe",
  signatureHeaders: ["stripe-signature"],
  refusedSignatureHeaders: [],
  settingsKeys: ["toleranceSeconds"],
} as const satisfies ProviderDescriptor;

export const STANDARD_WEBHOOKS = {
  id: "standard-webhooks",
  // Svix, the scheme's origin, sends the same signature as `svix-signature`.
  signatureHeaders: ["webhook-signature", "svix-signature"],
  refusedSignatureHeaders: [],
  secretFormat: {
    valid: (secret) => {
      const encoded = standardWebhooksSecretKey(secret);
      return encoded.length > 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded);
    },
    expected: "a base64 key, optionally prefixed with whsec_",
  },
  settingsKeys: ["toleranceSeconds"],
} as const satisfies ProviderDescriptor;

export const ADYEN = {
  id: "adyen",
  // Adyen signs each notification item inside the body and sends no identifying header.
  signatureHeaders: [],
  refusedSignatureHeaders: [],
  secretFormat: {
    valid: (key) => key.length > 0 && key.length % 2 === 0 && /^[0-9A-Fa-f]+$/.test(key),
    expected: "a hex-encoded HMAC key (even number of hex digits)",
  },
  settingsKeys: [],
} as const satisfies ProviderDescriptor;

export const SQUARE = {
  id: "square",
  signatureHeaders: ["x-square-hmacsha256-signature"],
  // The legacy HMAC-SHA1 signature (Square: "Validate notifications") is never accepted.
  refusedSignatureHeaders: ["x-square-signature"],
  settingsKeys: ["notificationUrl"],
} as const satisfies ProviderDescriptor;

export const CHECKOUT = {
  id: "checkout",
  signatureHeaders: ["cko-signature"],
  refusedSignatureHeaders: [],
  settingsKeys: [],
} as const satisfies ProviderDescriptor;

/** The generic scheme's signature header is a setting (`generic.signatureHeader`), so it has no fixed one. */
export const GENERIC = {
  id: "generic",
  signatureHeaders: [],
  refusedSignatureHeaders: [],
  settingsKeys: ["signatureHeader", "encoding", "prefix"],
} as const satisfies ProviderDescriptor;

export const PROVIDER_DESCRIPTORS: Readonly<Record<ProviderId, ProviderDescriptor>> = {
  stripe: STRIPE,
  "standard-webhooks": STANDARD_WEBHOOKS,
  adyen: ADYEN,
  square: SQUARE,
  checkout: CHECKOUT,
  generic: GENERIC,
};

/**
 * The headers whose presence names this provider on `POST /webhooks`: refused ones included,
 * so a delivery signed with the older scheme is told so (401) instead of "provider not detected".
 */
export function detectionHeadersOf(descriptor: ProviderDescriptor): readonly string[] {
  return [...descriptor.signatureHeaders, ...descriptor.refusedSignatureHeaders];
}

/** Every fixed signature header, refused ones included: the generic scheme may use none of them. */
export const FIXED_SIGNATURE_HEADERS: readonly string[] = Object.values(PROVIDER_DESCRIPTORS).flatMap(detectionHeadersOf);
