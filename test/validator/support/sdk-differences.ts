/**
 * Where the project's verdict on a delivery may differ from the provider SDK's verify on the same
 * bytes, with the reason. The SDK differential (sdk-differential.test.ts) fails on any other
 * disagreement, and on a listed one that no longer happens the other way round.
 */
import type { ProviderId } from "../../../contract/event-table";

export interface JustifiedDifference {
  provider: ProviderId;
  mutation: string;
  project: "rejects" | "accepts";
  why: string;
}

export const JUSTIFIED_DIFFERENCES: readonly JustifiedDifference[] = [
  {
    provider: "stripe",
    mutation: "signed-in-the-future",
    project: "rejects",
    why: "stripe-node checks only the age of `t` (a timestamp ahead of the clock passes); the project checks the tolerance both ways, so a delivery signed for later cannot be held back and replayed.",
  },
  {
    provider: "stripe",
    mutation: "timestamp-with-trailing-junk",
    project: "rejects",
    why: "stripe-node reads `t` with parseInt, so `t=1732000000x` signs as 1732000000; the project accepts digits only, so a mutated header never reaches the HMAC as another number.",
  },
  {
    provider: "standard-webhooks",
    mutation: "timestamp-with-trailing-junk",
    project: "rejects",
    why: "standardwebhooks reads webhook-timestamp with parseInt, as above; the project accepts digits only.",
  },
];

export function justified(provider: ProviderId, mutation: string): JustifiedDifference | undefined {
  return JUSTIFIED_DIFFERENCES.find((difference) => difference.provider === provider && difference.mutation === mutation);
}
