/** Soft or hard, from the provider's own reason code, with the provider's table (decline-codes.ts). */
import type { ProviderId } from "../../../contract/event-table";
import {
  ADYEN_REFUSAL_CODES,
  ADYEN_REFUSAL_REASONS,
  CHECKOUT_RESPONSE_CODES,
  GENERIC_DECLINE_CODES,
  SQUARE_ERROR_CODES,
  STRIPE_DECLINE_CODES,
  type DeclineReason,
} from "./decline-codes";

/**
 * Unrecognised or missing codes are HARD: automatically retrying a decline we cannot read risks
 * the networks' excessive-retry fees for little chance of success; a human can still retry.
 */
export const UNRECOGNISED_DECLINE: DeclineReason = {
  category: "HARD",
  description: "Unrecognised or missing decline reason: not retried automatically",
};

export function classifyDecline(provider: ProviderId, failureCode: string): DeclineReason {
  const code = failureCode.trim();
  if (code === "") return { ...UNRECOGNISED_DECLINE, description: "No decline reason from the provider: not retried automatically" };
  return lookup(provider, code) ?? UNRECOGNISED_DECLINE;
}

function lookup(provider: ProviderId, code: string): DeclineReason | undefined {
  switch (provider) {
    case "stripe":
      return STRIPE_DECLINE_CODES[code.toLowerCase()];
    case "adyen": {
      const text = code.toLowerCase().replace(/\s+/g, " ");
      return ADYEN_REFUSAL_REASONS[ADYEN_REFUSAL_CODES[text] ?? text];
    }
    case "square":
      return SQUARE_ERROR_CODES[code.toUpperCase()];
    case "checkout":
      return CHECKOUT_RESPONSE_CODES[code] ?? checkoutFamily(code);
    case "generic":
    case "standard-webhooks": {
      const key = code.toLowerCase().replace(/[\s-]+/g, "_");
      return GENERIC_DECLINE_CODES[key] ?? STRIPE_DECLINE_CODES[key];
    }
  }
}

/** Checkout.com's documented families: 20xxx soft declines, 30xxx hard declines, 4xxxx risk responses. */
function checkoutFamily(code: string): DeclineReason | undefined {
  if (/^20\d{3}$/.test(code)) return { category: "SOFT", description: `Soft decline (Checkout.com ${code})` };
  if (/^30\d{3}$/.test(code)) return { category: "HARD", description: `Hard decline (Checkout.com ${code})` };
  if (/^4\d{4}$/.test(code)) return { category: "HARD", description: `Risk response (Checkout.com ${code})` };
  return undefined;
}
