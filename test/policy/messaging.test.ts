import { messagesOf, resource } from "./support/policy-harness";

const STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/payment-events-dev/stream/2026-01-01T00:00:00.000";
const DLQ = "arn:aws:sqs:us-east-1:123456789012:payment-events-pipe-dlq-dev";

describe("pipe-source-dlq", () => {
  const pipe = (overrides: Record<string, unknown> = {}) =>
    resource("aws:pipes/pipe:Pipe", "payment-events-pipe", {
      name: "payment-events-pipe-dev",
      source: STREAM,
      sourceParameters: { dynamodbStreamParameters: { startingPosition: "LATEST", deadLetterConfig: { arn: DLQ } } },
      ...overrides,
    });
  it("passes a stream source with a DLQ", async () => {
    expect(await messagesOf("pipe-source-dlq", [pipe()])).toEqual([]);
  });
  it("fails a DynamoDB stream source without a DLQ", async () => {
    expect(await messagesOf("pipe-source-dlq", [pipe({ sourceParameters: { dynamodbStreamParameters: { startingPosition: "LATEST" } } })])).toEqual([
      "Pipe 'payment-events-pipe' reads a stream and must send failed records to a dead-letter queue (sourceParameters.dynamodbStreamParameters.deadLetterConfig.arn).",
    ]);
  });
  it("fails a Kinesis source without a DLQ", async () => {
    expect(await messagesOf("pipe-source-dlq", [pipe({ source: "arn:aws:kinesis:us-east-1:123456789012:stream/s", sourceParameters: undefined })])).toEqual([
      "Pipe 'payment-events-pipe' reads a stream and must send failed records to a dead-letter queue (sourceParameters.kinesisStreamParameters.deadLetterConfig.arn).",
    ]);
  });
  it("leaves SQS sources to the queue's redrive policy", async () => {
    expect(await messagesOf("pipe-source-dlq", [pipe({ source: DLQ, sourceParameters: undefined })])).toEqual([]);
  });
});

describe("event-rule-target-dlq", () => {
  const target = (overrides: Record<string, unknown> = {}) =>
    resource("aws:cloudwatch/eventTarget:EventTarget", "workflow-target", { rule: "payment-events-rule-dev", arn: "arn:aws:states:x", deadLetterConfig: { arn: DLQ }, ...overrides });
  it("passes a target with a DLQ", async () => {
    expect(await messagesOf("event-rule-target-dlq", [target()])).toEqual([]);
  });
  it("fails a target without a DLQ", async () => {
    expect(await messagesOf("event-rule-target-dlq", [target({ deadLetterConfig: undefined })])).toEqual([
      "EventBridge target 'workflow-target' must set deadLetterConfig.arn so undeliverable events are kept for replay.",
    ]);
  });
});

describe("sqs-encrypted", () => {
  const queue = (overrides: Record<string, unknown> = {}) => resource("aws:sqs/queue:Queue", "pipe-dlq", { name: "payment-events-pipe-dlq-dev", sqsManagedSseEnabled: true, ...overrides });
  it("passes SQS-managed SSE", async () => {
    expect(await messagesOf("sqs-encrypted", [queue()])).toEqual([]);
  });
  it("passes a KMS key", async () => {
    expect(await messagesOf("sqs-encrypted", [queue({ sqsManagedSseEnabled: undefined, kmsMasterKeyId: "arn:aws:kms:us-east-1:1:key/k" })])).toEqual([]);
  });
  it("fails an unencrypted queue", async () => {
    expect(await messagesOf("sqs-encrypted", [queue({ sqsManagedSseEnabled: false })])).toEqual([
      "SQS queue 'pipe-dlq' must be encrypted at rest (sqsManagedSseEnabled: true or kmsMasterKeyId).",
    ]);
  });
  it("fails SQS-managed SSE when config requires a customer-managed key", async () => {
    expect(await messagesOf("sqs-encrypted", [queue()], { config: { "sqs-encrypted": { requireCustomerManagedKey: true } } })).toEqual([
      "SQS queue 'pipe-dlq' must be encrypted with a customer-managed KMS key (kmsMasterKeyId).",
    ]);
  });
});
