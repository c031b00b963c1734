/**
 * Fault injection for the local runtime only: wraps the processor binding so chosen events
 * fail the way a real outage would, without any test hook in production code. The thrown
 * errors are the processor's own typed errors, so their names (Payment.Transient /
 * Payment.Permanent) reach the workflow's Retry/Catch exactly as from the deployed Lambda.
 *
 * Plan (JSON, keyed by provider event id):
 *   { "evt_x": { "kind": "transient", "failures": 2 }, "evt_y": { "kind": "permanent" } }
 */
import { readFileSync } from "node:fs";
import { PaymentPermanentError, PaymentTransientError } from "../../lambda/payment-processor/errors";
import type { LocalLambdaFunction } from "../workflow/task-bindings";

export type Fault = { kind: "transient"; failures: number } | { kind: "permanent" };
export type FaultPlan = Map<string, Fault>;

export function parseFaultPlan(json: unknown, source: string): FaultPlan {
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new Error(`${source} must be a JSON object keyed by event id.`);
  const plan: FaultPlan = new Map();
  for (const [eventId, fault] of Object.entries(json as Record<string, unknown>)) {
    if (eventId.startsWith("//")) continue; // comments
    const { kind, failures } = (fault ?? {}) as { kind?: unknown; failures?: unknown };
    if (kind === "permanent") plan.set(eventId, { kind });
    else if (kind === "transient" && Number.isInteger(failures) && (failures as number) > 0) plan.set(eventId, { kind, failures: failures as number });
    else throw new Error(`${source}: ${eventId} must be {"kind":"permanent"} or {"kind":"transient","failures":<positive integer>}.`);
  }
  return plan;
}

export function loadFaultPlan(file: string | undefined): FaultPlan {
  if (file === undefined) return new Map();
  return parseFaultPlan(JSON.parse(readFileSync(file, "utf8")), file);
}

/** The processor, failing as planned before it runs (so a failed attempt has no side effect). */
export function withInjectedFaults(processor: LocalLambdaFunction, plan: FaultPlan): LocalLambdaFunction {
  const failuresSoFar = new Map<string, number>();
  return async (payload) => {
    const eventId = (payload as { eventId?: unknown } | null)?.eventId;
    const fault = typeof eventId === "string" ? plan.get(eventId) : undefined;
    if (fault?.kind === "permanent") {
      throw new PaymentPermanentError(`Injected permanent fault for ${eventId} (local runtime fault plan).`);
    }
    if (fault?.kind === "transient") {
      const failed = failuresSoFar.get(eventId as string) ?? 0;
      if (failed < fault.failures) {
        failuresSoFar.set(eventId as string, failed + 1);
        throw new PaymentTransientError(`Injected transient fault ${failed + 1}/${fault.failures} for ${eventId} (local runtime fault plan).`);
      }
    }
    return processor(payload);
  };
}
