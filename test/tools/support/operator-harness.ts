/**
 * The local pipeline with its AWS-compatible operator endpoint, and SDK clients pointed at that
 * endpoint exactly as the tools' CLIs build them (`--endpoint-url` on loopback).
 */
import { LOCAL_ENVIRONMENT_SUFFIX, RULE_NAME, type LocalPipeline } from "../../../local/runtime/pipeline";
import { startOperatorEndpointFor, type RunningOperatorEndpoint } from "../../../local/aws-endpoint/operator-endpoint";
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from "../../../local/support/aws-clients";
import { parseOptions } from "../../../tools/shared/cli-options";
import { resolveTarget, TARGET_OPTIONS } from "../../../tools/shared/aws-target";
import { operatorClients, type OperatorClients } from "../../../tools/shared/clients";
import { stackResources, type StackResources } from "../../../tools/shared/stack-resources";
import { executionsFor } from "../../local/support/pipeline-harness";
import { WORKFLOW_STATES } from "../../../lib/workflow/definition";

export interface OperatorHarness {
  endpoint: RunningOperatorEndpoint;
  clients: OperatorClients;
  resources: StackResources;
  stop(): Promise<void>;
}

export async function startOperatorHarness(pipeline: LocalPipeline): Promise<OperatorHarness> {
  const resources = stackResources(LOCAL_ENVIRONMENT_SUFFIX, LOCAL_ACCOUNT_ID, LOCAL_REGION);
  const endpoint = await startOperatorEndpointFor(pipeline);
  // The way the CLIs resolve their target, with no AWS credentials in the environment.
  const target = resolveTarget(parseOptions(["--environment-suffix", LOCAL_ENVIRONMENT_SUFFIX, "--region", LOCAL_REGION, "--endpoint-url", endpoint.endpoint], { values: [...TARGET_OPTIONS] }), {});
  const clients = operatorClients(target.clientConfig);
  return {
    endpoint,
    clients,
    resources,
    stop: async () => {
      clients.destroy();
      await endpoint.stop();
    },
  };
}

/** The local rule is the stack's rule, so the replay's FilterArns name it. */
export const LOCAL_RULE_NAME = RULE_NAME;

/** Executions of this event that got past the claim, i.e. applied it to the payment. */
export function applications(pipeline: LocalPipeline, eventId: string): number {
  return executionsFor(pipeline, eventId).filter((execution) => execution.statesEntered.includes(WORKFLOW_STATES.applyEvent)).length;
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
