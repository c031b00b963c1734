/**
 * Non-secret per-provider settings, JSON in WEBHOOK_PROVIDER_SETTINGS (docs/providers.md):
 *
 *   {
 *     "stripe":            { "toleranceSeconds": 300 },
 *     "standard-webhooks": { "toleranceSeconds": 300 },
 *     "square":            { "notificationUrl": "https://api.example.com/prod/webhooks/square" },
 *     "generic":           { "signatureHeader": "x-hub-signature-256", "encoding": "hex", "prefix": "sha256=" }
 *   }
 *
 * Every key is optional; defaults are below. Unknown providers or keys are configuration errors
 * (a typo would otherwise silently fall back to a default).
 */
import { PROVIDERS, type ProviderId } from "./event-table";
import { ConfigurationError } from "./configuration-error";
import { FIXED_SIGNATURE_HEADERS, PROVIDER_DESCRIPTORS } from "./providers";

export type SignatureEncoding = "hex" | "base64";

export interface GenericHmacSettings {
  /** Lower-cased header carrying the signature. */
  signatureHeader: string;
  encoding: SignatureEncoding;
  /** Text before the signature in the header value, e.g. `sha256=`. */
  prefix: string;
}

export interface ProviderSettings {
  stripe: { toleranceSeconds: number };
  "standard-webhooks": { toleranceSeconds: number };
  /** undefined = fall back to the URL API Gateway reports (see docs/providers.md#square). */
  square: { notificationUrl: string | undefined };
  generic: GenericHmacSettings;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = {
  stripe: { toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
  "standard-webhooks": { toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
  square: { notificationUrl: undefined },
  generic: { signatureHeader: "x-webhook-signature", encoding: "hex", prefix: "" },
};


export function parseProviderSettings(value: unknown, variable: string): ProviderSettings {
  if (value === undefined) return DEFAULT_PROVIDER_SETTINGS;
  const root = asObject(value, variable);
  const fail = (path: string, what: string) => new ConfigurationError(`${variable}: ${path} ${what}.`);
  const entry = (provider: ProviderId): Record<string, unknown> => {
    const raw = root[provider];
    if (raw === undefined) return {};
    const object = asObject(raw, `${variable}: ${provider}`);
    for (const key of Object.keys(object)) {
      if (!PROVIDER_DESCRIPTORS[provider].settingsKeys.includes(key)) throw fail(`${provider}.${key}`, `is not a known setting (allowed: ${PROVIDER_DESCRIPTORS[provider].settingsKeys.join(", ") || "none"})`);
    }
    return object;
  };
  for (const key of Object.keys(root)) {
    if (!(PROVIDERS as readonly string[]).includes(key)) throw fail(key, `is not a known provider (known: ${PROVIDERS.join(", ")})`);
    entry(key as ProviderId); // validates the keys of providers that have no settings too
  }

  const tolerance = (provider: "stripe" | "standard-webhooks"): number => {
    const raw = entry(provider).toleranceSeconds;
    if (raw === undefined) return DEFAULT_TOLERANCE_SECONDS;
    // A digit string is accepted too: depending on how it was set, Pulumi config may store "60".
    const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > 3600) {
      throw fail(`${provider}.toleranceSeconds`, "must be an integer between 1 and 3600");
    }
    return value;
  };

  const square = entry("square");
  if (square.notificationUrl !== undefined && (typeof square.notificationUrl !== "string" || !/^https?:\/\/\S+$/.test(square.notificationUrl))) {
    throw fail("square.notificationUrl", "must be the absolute http(s) URL configured in Square's webhook subscription");
  }

  const generic = entry("generic");
  const defaults = DEFAULT_PROVIDER_SETTINGS.generic;
  if (generic.signatureHeader !== undefined && (typeof generic.signatureHeader !== "string" || !/^[A-Za-z0-9-]+$/.test(generic.signatureHeader))) {
    throw fail("generic.signatureHeader", "must be an HTTP header name (letters, digits, hyphens)");
  }
  if (typeof generic.signatureHeader === "string" && FIXED_SIGNATURE_HEADERS.includes(generic.signatureHeader.toLowerCase())) {
    throw fail("generic.signatureHeader", "must not be another provider's signature header (POST /webhooks could not tell them apart)");
  }
  if (generic.encoding !== undefined && generic.encoding !== "hex" && generic.encoding !== "base64") {
    throw fail("generic.encoding", 'must be "hex" or "base64"');
  }
  if (generic.prefix !== undefined && typeof generic.prefix !== "string") throw fail("generic.prefix", "must be a string");

  return {
    stripe: { toleranceSeconds: tolerance("stripe") },
    "standard-webhooks": { toleranceSeconds: tolerance("standard-webhooks") },
    square: { notificationUrl: square.notificationUrl as string | undefined },
    generic: {
      signatureHeader: ((generic.signatureHeader as string | undefined) ?? defaults.signatureHeader).toLowerCase(),
      encoding: (generic.encoding as SignatureEncoding | undefined) ?? defaults.encoding,
      prefix: (generic.prefix as string | undefined) ?? defaults.prefix,
    },
  };
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigurationError(`${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}
