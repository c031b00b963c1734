import type { ProviderSettings } from "../../../contract/provider-settings";
import { MalformedRequestError, UnknownProviderError } from "../errors";
import type { ProviderAdapter } from "../providers/provider-adapter";
import { PROVIDER_ADAPTERS } from "../providers/registry";
import type { Headers } from "./webhook-request";

/**
 * `/webhooks/{provider}` names the provider; `/webhooks` detects it from signature headers and
 * refuses to guess when several providers' headers are present.
 */
export function resolveProvider(segment: string | undefined, headers: Headers, settings: ProviderSettings): ProviderAdapter {
  if (segment !== undefined) {
    const adapter = PROVIDER_ADAPTERS.get(segment);
    if (adapter === undefined) {
      throw new UnknownProviderError(`Unknown provider; supported: ${[...PROVIDER_ADAPTERS.keys()].join(", ")}.`);
    }
    return adapter;
  }
  const candidates = [...PROVIDER_ADAPTERS.values()].filter((adapter) => adapter.detectionHeaders(settings).some((name) => headers.has(name)));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new MalformedRequestError(
      "provider_not_detected",
      "No provider signature header found; post to /webhooks/{provider} (Adyen must always use /webhooks/adyen).",
    );
  }
  throw new MalformedRequestError(
    "ambiguous_provider",
    `Signature headers of several providers are present (${candidates.map((c) => c.id).join(", ")}); post to /webhooks/{provider}.`,
  );
}
