/**
 * Default service quotas in us-east-1 that bound the pipeline's throughput, each with the AWS
 * page that states it and the day it was checked. Adjustable ones can be raised with a Service
 * Quotas request; `quotaCode`-less ones are fixed or only raised through support.
 */

export interface Quota {
  value: number;
  unit: string;
  adjustable: boolean;
  source: string;
  checkedOn: string;
}

const CHECKED_ON = "2026-12-03";

function quota(value: number, unit: string, adjustable: boolean, source: string): Quota {
  return { value, unit, adjustable, source, checkedOn: CHECKED_ON };
}

const API_GATEWAY_QUOTAS = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html";
const LAMBDA_QUOTAS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";
const DYNAMODB_QUOTAS = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html";
const DYNAMODB_ON_DEMAND = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html";
const EVENTBRIDGE_QUOTAS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html";
const STEP_FUNCTIONS_QUOTAS = "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html";

export const US_EAST_1_QUOTAS = {
  apiGatewayAccountRequestsPerSecond: quota(10_000, "requests/s per account and region", true, API_GATEWAY_QUOTAS),
  apiGatewayAccountBurst: quota(5_000, "requests", true, API_GATEWAY_QUOTAS),
  lambdaAccountConcurrency: quota(1_000, "concurrent executions per account and region", true, LAMBDA_QUOTAS),
  lambdaMinimumUnreserved: quota(100, "concurrent executions that must stay unreserved", false, LAMBDA_QUOTAS),
  // A new on-demand table serves up to 4,000 writes/s at once; it then doubles with each new peak.
  dynamodbNewOnDemandTableWritesPerSecond: quota(4_000, "write request units/s on a new on-demand table", false, DYNAMODB_ON_DEMAND),
  dynamodbTableWriteThroughput: quota(40_000, "write request units/s per on-demand table", true, DYNAMODB_QUOTAS),
  eventBridgePutEventsPerSecond: quota(10_000, "PutEvents entries/s per account (counted per entry, conservatively)", true, EVENTBRIDGE_QUOTAS),
  eventBridgeInvocationsPerSecond: quota(18_750, "rule target invocations/s per account", true, EVENTBRIDGE_QUOTAS),
  stepFunctionsStandardStartExecutionPerSecond: quota(300, "StartExecution refill/s, Standard (bucket 1,300)", true, STEP_FUNCTIONS_QUOTAS),
  stepFunctionsStandardTransitionsPerSecond: quota(5_000, "state transitions refill/s, Standard (bucket 5,000)", true, STEP_FUNCTIONS_QUOTAS),
  stepFunctionsExpressStartExecutionPerSecond: quota(6_000, "StartExecution refill/s, Express (bucket 6,000)", true, STEP_FUNCTIONS_QUOTAS),
} as const;

export type QuotaTable = typeof US_EAST_1_QUOTAS;
