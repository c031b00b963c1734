/**
 * Generic HMAC-SHA256 over the raw body, for senders with a GitHub-style scheme:
 * `<signatureHeader>: <prefix><hex|base64 HMAC-SHA256(secret, rawBody)>`. Header, encoding and
 * prefix come from WEBHOOK_PROVIDER_SETTINGS.generic. No signed timestamp: no replay window.
 */
import { anyMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { GenericHmacSettings } from "../../../contract/provider-settings";
import type { Headers } from "../core/webhook-request";

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
  const matched = params.secrets.some((secret) => anyMatches(genericSignature(secret, params.rawBody, params.settings), [received]));
  if (!matched) throw new AuthenticationError("signature_mismatch", `The ${signatureHeader} signature does not match the payload.`);
}

function genericSignature(secret: string, rawBody: Buffer, settings: GenericHmacSettings): string {
  return hmacSha256(secret, rawBody).toString(settings.encoding);
}

/** Test/demo helper: the headers of a valid delivery under the given settings. */
export function signGenericHmac(params: { payload: string | Buffer; secret: string; settings: GenericHmacSettings }): Record<string, string> {
  return {
    [params.settings.signatureHeader]: params.settings.prefix + genericSignature(params.secret, Buffer.from(params.payload), params.settings),
  };
}
