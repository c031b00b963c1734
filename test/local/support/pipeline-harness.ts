/**
 * One local pipeline per test file (loading the handlers is the expensive part), plus
 * helpers to send signed webhooks and read what the pipeline recorded.
 */
import { QueryCommand, GetItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { readFileSync } from "node:fs";
import type { ProviderId } from "../../../contract/event-table";
import { signWebhook } from "../../../local/demo/signing";
import { SAMPLE_SECRETS_FILE, type LocalRuntimeConfig } from "../../../local/runtime/config";
import type { StackLimits } from "../../../local/limits/stack-limits";
import { squareNotificationUrl, startLocalPipeline, type LocalPipeline } from "../../../local/runtime/pipeline";

export const SAMPLE_SECRETS = JSON.parse(readFileSync(SAMPLE_SECRETS_FILE, "utf8")) as Record<ProviderId, string[]>;

export const TEST_RETRY_TUNING = { intervalSeconds: 1, backoffRate: 2, maxAttempts: 3, maxDelaySeconds: 4 };

export async function startTestPipeline(lines: string[] = [], overrides: Partial<LocalRuntimeConfig> = {}, stackLimits?: StackLimits): Promise<LocalPipeline> {
  const config: LocalRuntimeConfig = {
    port: 0,
    signingSecretsJson: JSON.stringify(SAMPLE_SECRETS),
    signingSecretsSource: "test",
    retryWaitMs: 5,
    faultsFile: undefined,
    lambdaLogLevel: "SILENT",
    // In memory and without AWS's limits unless a test asks: most tests are about behaviour, not load.
    dataDir: undefined,
    awsLimits: false,
    stack: "dev",
    ...overrides,
  };
  return startLocalPipeline({ config, print: (line) => lines.push(line), retryTuning: TEST_RETRY_TUNING, stackLimits });
}

export interface SendResult {
  status: number;
  body: { result?: string; error?: string; events?: Array<{ eventId: string; result: string }> };
  eventIds: string[];
}

export async function sendWebhook(
  pipeline: LocalPipeline,
  provider: ProviderId,
  body: string,
  options: { secret?: string; messageId?: string } = {},
): Promise<SendResult> {
  const port = new URL(pipeline.url).port;
  const signed = signWebhook(provider, body, {
    secret: options.secret ?? SAMPLE_SECRETS[provider][0]!,
    squareNotificationUrl: squareNotificationUrl(Number(port)),
    messageId: options.messageId,
  });
  return post(pipeline, provider, signed.body, signed.headers);
}

/** POST to /webhooks/{provider}, or to /webhooks when provider is "". */
export async function post(pipeline: LocalPipeline, provider: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  const response = await fetch(`${pipeline.url}/webhooks${provider ? `/${provider}` : ""}`, { method: "POST", body, headers });
  const json = (await response.json()) as SendResult["body"];
  return { status: response.status, body: json, eventIds: (json.events ?? []).map((event) => event.eventId) };
}

export async function itemsOfPayment(pipeline: LocalPipeline, paymentId: string): Promise<Array<Record<string, AttributeValue>>> {
  const { Items } = await pipeline.dynamoDb.send(
    new QueryCommand({
      TableName: pipeline.tableName,
      KeyConditionExpression: "paymentId = :p",
      ExpressionAttributeValues: { ":p": { S: paymentId } },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

export async function eventItems(pipeline: LocalPipeline, paymentId: string, eventId: string): Promise<Array<Record<string, AttributeValue>>> {
  return (await itemsOfPayment(pipeline, paymentId)).filter((item) => item.itemType?.S === "EVENT" && item.eventId?.S === eventId);
}

export async function stateItem(pipeline: LocalPipeline, paymentId: string): Promise<Record<string, AttributeValue> | undefined> {
  const { Item } = await pipeline.dynamoDb.send(
    new GetItemCommand({ TableName: pipeline.tableName, Key: { paymentId: { S: paymentId }, timestamp: { S: "~STATE" } }, ConsistentRead: true }),
  );
  return Item;
}

export function executionsFor(pipeline: LocalPipeline, eventId: string) {
  return pipeline.workflow.executions.filter((execution) => execution.eventId === eventId);
}
