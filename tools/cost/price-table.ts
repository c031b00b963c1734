/**
 * List prices in us-east-1 (US East, N. Virginia), on-demand, first pricing tier, without free
 * tiers (they end or run out; a model that leans on them under-prices production). Every price
 * names the public page it was read from and the day it was checked: prices change, so a
 * reader must be able to re-check each one. Update `checkedOn` with the values.
 */

export interface ListPrice {
  /** US dollars per `unit`. */
  usd: number;
  unit: string;
  source: string;
  /** ISO date (YYYY-MM-DD) the price was last compared with `source`. */
  checkedOn: string;
}

const CHECKED_ON = "2026-12-03";

function price(usd: number, unit: string, source: string): ListPrice {
  return { usd, unit, source, checkedOn: CHECKED_ON };
}

const API_GATEWAY = "https://aws.amazon.com/api-gateway/pricing/";
const LAMBDA = "https://aws.amazon.com/lambda/pricing/";
const DYNAMODB_ON_DEMAND = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
const EVENTBRIDGE = "https://aws.amazon.com/eventbridge/pricing/";
const STEP_FUNCTIONS = "https://aws.amazon.com/step-functions/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const XRAY = "https://aws.amazon.com/xray/pricing/";

export const US_EAST_1_PRICES = {
  region: "us-east-1",
  apiGatewayRestRequest: price(3.5 / 1e6, "REST API request (first 333 million a month)", API_GATEWAY),
  lambdaRequest: price(0.2 / 1e6, "Lambda invocation", LAMBDA),
  lambdaArmGbSecond: price(0.0000133334, "GB-second of arm64 Lambda duration (first 7.5 billion GB-s a month)", LAMBDA),
  dynamodbWriteRequestUnit: price(0.625 / 1e6, "on-demand write request unit (1 KB)", DYNAMODB_ON_DEMAND),
  dynamodbReadRequestUnit: price(0.125 / 1e6, "on-demand read request unit (4 KB strongly consistent)", DYNAMODB_ON_DEMAND),
  // Free only for Lambda triggers and global tables; a Pipe's GetRecords calls are billed.
  dynamodbStreamsReadRequest: price(0.02 / 1e5, "DynamoDB Streams GetRecords call", DYNAMODB_ON_DEMAND),
  pipesRequest: price(0.4 / 1e6, "EventBridge Pipes request after filtering (64 KB chunk)", EVENTBRIDGE),
  eventBridgeCustomEvent: price(1.0 / 1e6, "custom event put on a bus (64 KB chunk)", EVENTBRIDGE),
  eventBridgeArchiveGb: price(0.1, "GB of events archived", EVENTBRIDGE),
  eventBridgeArchiveStorageGbMonth: price(0.023, "GB-month of archive storage", EVENTBRIDGE),
  stepFunctionsStandardTransition: price(0.025 / 1000, "Standard workflow state transition", STEP_FUNCTIONS),
  stepFunctionsExpressRequest: price(1.0 / 1e6, "Express workflow execution", STEP_FUNCTIONS),
  // $0.06 per GB-hour for the first 1,000 GB-hours, i.e. $0.0000166667 per GB-second.
  stepFunctionsExpressGbSecond: price(0.06 / 3600, "GB-second of Express duration (64 MB chunks, 100 ms steps)", STEP_FUNCTIONS),
  kmsKeyMonth: price(1.0, "customer managed key per month", KMS),
  kmsRequest: price(0.03 / 1e4, "KMS API request", KMS),
  cloudWatchLogsIngestedGb: price(0.5, "GB of logs ingested (standard class; vended logs' first tier)", CLOUDWATCH),
  cloudWatchLogsStoredGbMonth: price(0.03, "GB-month of logs stored", CLOUDWATCH),
  cloudWatchAlarmMonth: price(0.1, "standard-resolution metric alarm per month", CLOUDWATCH),
  cloudWatchDashboardMonth: price(3.0, "dashboard per month", CLOUDWATCH),
  xrayTraceRecorded: price(5.0 / 1e6, "trace recorded", XRAY),
} as const;

export type PriceTable = typeof US_EAST_1_PRICES;
