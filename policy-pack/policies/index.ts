/**
 * Every policy of the pack, built around an injected clock. Tests import this module;
 * policy-pack/index.ts (which starts CrossGuard's gRPC server) must never be imported.
 */
import { apigatewayPolicies } from "./apigateway";
import { dynamodbPolicies } from "./dynamodb";
import { iamPolicies } from "./iam";
import { iamGrantsUsedPolicies } from "./iam-grants-used";
import { kmsPolicies } from "./kms";
import { lambdaPolicies } from "./lambda";
import { loggingPolicies } from "./logging";
import { messagingPolicies } from "./messaging";
import { stackPolicies } from "./stack";
import { stepfunctionsPolicies } from "./stepfunctions";
import { systemClock, type GuardPolicy, type PolicyContext } from "./types";

export const POLICY_PACK_NAME = "payment-webhooks-guard";

export function createPolicies(ctx: PolicyContext = systemClock): GuardPolicy[] {
  return [
    ...lambdaPolicies(ctx),
    ...dynamodbPolicies(ctx),
    ...iamPolicies(ctx),
    ...iamGrantsUsedPolicies(ctx),
    ...kmsPolicies(ctx),
    ...apigatewayPolicies(ctx),
    ...stepfunctionsPolicies(ctx),
    ...messagingPolicies(ctx),
    ...loggingPolicies(ctx),
    ...stackPolicies(ctx),
  ];
}

export type { GuardPolicy, PolicyContext, PolicyMetadata, ControlMappings, PolicyArea } from "./types";
