/**
 * The supported providers, one module each (docs/providers.md, "Adding a provider"). The order
 * is the order error messages list them in.
 */
import type { ProviderId } from "../../../contract/event-table";
import { adyen } from "./adyen";
import { checkout } from "./checkout";
import { generic } from "./generic";
import type { ProviderAdapter } from "./provider-adapter";
import { square } from "./square";
import { standardWebhooks } from "./standard-webhooks";
import { stripe } from "./stripe";

/** Keyed by id, so a provider in the contract's PROVIDERS without a module fails to compile. */
const ADAPTERS: Readonly<Record<ProviderId, ProviderAdapter>> = {
  stripe,
  "standard-webhooks": standardWebhooks,
  adyen,
  square,
  checkout,
  generic,
};

export const PROVIDER_ADAPTERS: ReadonlyMap<string, ProviderAdapter> = new Map(Object.entries(ADAPTERS));

export function providerAdapter(id: ProviderId): ProviderAdapter {
  return ADAPTERS[id];
}
