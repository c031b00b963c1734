/**
 * Generic HMAC, for senders with a GitHub-style scheme.
 *
 * Signature: `<signatureHeader>: <prefix><hex|base64 HMAC-SHA256(secret, rawBody)>`. Header,
 * encoding and prefix come from WEBHOOK_PROVIDER_SETTINGS.generic, so the detection header is a
 * setting too.
 *
 * Identity and time: senders post our own documented shape (docs/providers.md#generic):
 * `{ "id", "type", "occurredAt", "paymentId"?, "status"?, "amount"?, "currency"?, "failureCode"? }`.
 *
 * Identity and order (signed data only):
 * | identity | signed time | unsigned (a replay may change it) |
 * | body `id` | body `occurredAt` | every header but the configured signature header |
 * The scheme signs no delivery time, so there is no replay window; deduplication is on `id`
 * alone (its IDENTITY item, contract/event-table.ts).
 */
import { DEFAULT_PROVIDER_SETTINGS, type GenericHmacSettings } from "../../../contract/provider-settings";
import { GENERIC } from "../../../contract/providers";
import { anySignatureMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";
import type { NormalisedEvent } from "../normalised-event";
import { asObject, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "../normalise/fields";
import { statusFromWord } from "../normalise/status-words";
import type { NormalisationInput, ProviderAdapter } from "./provider-adapter";

export function verifyGenericHmacSignature(params: {
  rawBody: Buffer;
  headers: Headers;
  secrets: readonly string[];
  settings: GenericHmacSettings;
}): void {
  const { signatureHeader, prefix } = params.settings;
  const value = params.headers.get(signatureHeader);
  if (value === undefined) throw new AuthenticationError("missing_signature", `Missing ${signatureHeader} header.`);
  if (!value.startsWith(prefix)) {
    throw new AuthenticationError("unsupported_signature_scheme", `The ${signatureHeader} value must start with the configured prefix "${prefix}".`);
  }
  const received = value.slice(prefix.length);
  const expected = params.secrets.map((secret) => genericSignature(secret, params.rawBody, params.settings));
  if (!anySignatureMatches(expected, [received])) throw new AuthenticationError("signature_mismatch", `The ${signatureHeader} signature does not match the payload.`);
}

function genericSignature(secret: string, rawBody: Buffer, settings: GenericHmacSettings): string {
  return hmacSha256(secret, rawBody).toString(settings.encoding);
}

export function normaliseGeneric({ json, receivedAt, rawPayload }: NormalisationInput): NormalisedEvent[] {
  const body = asObject(json, "body");
  return [
    {
      provider: "generic",
      eventId: requiredId(body, "id"),
      eventType: requiredString(body, "type"),
      paymentId: optionalId(body, "paymentId"),
      status: statusFromWord(optionalString(body, "status")),
      amountMinor: optionalMinorAmount(body, "amount"),
      currency: optionalCurrency(body, "currency"),
      failureCode: optionalString(body, "failureCode"),
      occurredAt: requiredIsoInstant(body, "occurredAt"),
      receivedAt,
      rawPayload,
    },
  ];
}

export const generic: ProviderAdapter = {
  id: GENERIC.id,
  identity: { eventId: "body `id`", signedTime: "body `occurredAt`", unsigned: "headers other than the configured signature header" },
  detectionHeaders: (settings) => [settings.generic.signatureHeader],
  authenticate: ({ rawBody, headers }, { secrets, settings }) =>
    verifyGenericHmacSignature({ rawBody, headers, secrets, settings: settings.generic }),
  normalise: normaliseGeneric,
  sign: ({ body, secret, settings = DEFAULT_PROVIDER_SETTINGS }) => {
    const { signatureHeader, prefix } = settings.generic;
    return { body, headers: { [signatureHeader]: prefix + genericSignature(secret, Buffer.from(body), settings.generic) } };
  },
};
