import {
  PIPE_FILTER_PATTERN,
  PIPE_INPUT_TEMPLATE,
  WEBHOOK_EVENT_DETAIL_TYPE,
  WEBHOOK_EVENT_SOURCE,
  WORKFLOW_RULE_EVENT_PATTERN,
} from "../../contract/event-routing";
import type { PolicyDocument } from "../../lib/security/policy-document";
import { FAKE, parseJsonInput, runEventingProgram, SUFFIX, type EventingStack } from "./support/eventing-program";

const ACCOUNT = "123456789012";
const BUS_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/payment-events-${SUFFIX}`;
const STATE_MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:payment-processing-${SUFFIX}`;
const PIPE_DLQ_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:payment-events-pipe-dlq-${SUFFIX}`;
const RULE_DLQ_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:payment-webhook-received-dlq-${SUFFIX}`;
// The mocks' generic ARN shape for resources without a specific one (mocked-program.ts).
const RULE_ARN = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:cloudwatch/eventRule/payment-webhook-received-${SUFFIX}`;
const PIPE_LOG_GROUP = `/aws/vendedlogs/pipes/payment-events-pipe-${SUFFIX}`;
const PIPE_LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${PIPE_LOG_GROUP}`;

let stack: EventingStack;
beforeAll(async () => {
  stack = await runEventingProgram();
});

type Dict = Record<string, unknown>;
const pipe = () => stack.one("aws:pipes/pipe:Pipe");
const streamParams = () => (pipe().inputs.sourceParameters as Dict).dynamodbStreamParameters as Dict;

describe("WorkflowTrigger pipe (table stream -> bus)", () => {
  it("is named payment-events-pipe-<suffix>, reads the table stream and targets the bus", () => {
    expect(pipe().inputs.name).toBe(`payment-events-pipe-${SUFFIX}`);
    expect(pipe().inputs.source).toBe(FAKE.streamArn);
    expect(pipe().inputs.target).toBe(BUS_ARN);
    expect(pipe().inputs.desiredState).toBe("RUNNING");
  });

  it("starts at TRIM_HORIZON so no stored record is skipped", () => {
    expect(streamParams().startingPosition).toBe("TRIM_HORIZON");
  });

  it("bisects failing batches and dead-letters to the pipe DLQ", () => {
    expect(streamParams().onPartialBatchItemFailure).toBe("AUTOMATIC_BISECT");
    expect(streamParams().deadLetterConfig).toEqual({ arn: PIPE_DLQ_ARN });
  });

  it("uses the default batch, window, retry and record-age settings", () => {
    expect(streamParams()).toMatchObject({ batchSize: 10, maximumBatchingWindowInSeconds: 1, maximumRetryAttempts: 10, maximumRecordAgeInSeconds: 86400 });
  });

  it("filters with exactly the contract's PIPE_FILTER_PATTERN", () => {
    const filters = ((pipe().inputs.sourceParameters as Dict).filterCriteria as Dict).filters as Array<{ pattern: string }>;
    expect(filters).toHaveLength(1);
    expect(JSON.parse(filters[0].pattern)).toEqual(PIPE_FILTER_PATTERN);
    expect(JSON.parse(filters[0].pattern)).toEqual({ eventName: ["INSERT"], dynamodb: { NewImage: { itemType: { S: ["EVENT"] } } } });
  });

  it("shapes the detail with the contract's input template, source and detail-type", () => {
    const target = pipe().inputs.targetParameters as Dict;
    expect(target.inputTemplate).toBe(PIPE_INPUT_TEMPLATE);
    expect(target.eventbridgeEventBusParameters).toEqual({ source: WEBHOOK_EVENT_SOURCE, detailType: WEBHOOK_EVENT_DETAIL_TYPE });
  });

  it("logs errors to its CMK-encrypted log group without execution data (payloads)", () => {
    const logConfiguration = pipe().inputs.logConfiguration as Dict;
    expect(logConfiguration.level).toBe("ERROR");
    expect(logConfiguration.cloudwatchLogsLogDestination).toEqual({ logGroupArn: PIPE_LOG_GROUP_ARN });
    expect(logConfiguration.includeExecutionDatas).toBeUndefined();
    const logGroup = stack.one("aws:cloudwatch/logGroup:LogGroup", "trigger-pipe");
    expect(logGroup.inputs).toMatchObject({ name: PIPE_LOG_GROUP, kmsKeyId: FAKE.kmsKeyArn, retentionInDays: 14 });
  });

  it("uses the pipe role and waits for its policies", () => {
    expect(pipe().inputs.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/payment-events-pipe-role-${SUFFIX}`);
  });
});

describe("WorkflowTrigger pipe role", () => {
  const policyOf = (logicalName: string) => parseJsonInput(stack.byLogicalName(logicalName), "policy") as PolicyDocument;

  it("trusts only pipes.amazonaws.com for this account's pipe", () => {
    const trust = parseJsonInput(stack.byLogicalName("trigger-pipe-role"), "assumeRolePolicy") as PolicyDocument;
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "pipes.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:pipes:us-east-1:${ACCOUNT}:pipe/payment-events-pipe-${SUFFIX}` },
        },
      },
    ]);
  });

  it("source policy: stream read on the stream ARN, ListStreams on * only, key, DLQ and logs scoped", () => {
    const statements = policyOf("trigger-pipe-source-policy").Statement;
    const bySid = new Map(statements.map((s) => [s.Sid, s]));
    expect(bySid.get("ReadTableStream")).toMatchObject({
      Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
      Resource: [FAKE.streamArn],
    });
    expect(bySid.get("ListTableStreams")).toMatchObject({ Action: ["dynamodb:ListStreams"], Resource: "*" });
    // Through DynamoDB for the stream, through SQS for the DLQ (KMS Developer Guide, "How Amazon
    // DynamoDB uses AWS KMS"; SQS Developer Guide, "Key management").
    expect(bySid.get("DecryptTableStream")).toMatchObject({ Action: ["kms:Decrypt"], Resource: [FAKE.kmsKeyArn], Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } } });
    expect(bySid.get("EncryptDeadLetters")).toMatchObject({ Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [FAKE.kmsKeyArn], Condition: { StringEquals: { "kms:EncryptionContext:aws:sqs:arn": PIPE_DLQ_ARN } } });
    expect(bySid.get("DeadLetterFailedBatches")).toMatchObject({ Action: ["sqs:SendMessage"], Resource: [PIPE_DLQ_ARN] });
    expect(bySid.get("WritePipeLogs")).toMatchObject({ Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${PIPE_LOG_GROUP_ARN}:*`] });
    expect(statements).toHaveLength(6);
  });

  it("target policy: events:PutEvents on the bus only", () => {
    expect(policyOf("trigger-pipe-target-policy").Statement).toEqual([
      { Sid: "PutOnPaymentEventsBus", Effect: "Allow", Action: ["events:PutEvents"], Resource: [BUS_ARN] },
    ]);
  });
});

describe("WorkflowTrigger rule (bus -> state machine)", () => {
  const rule = () => stack.one("aws:cloudwatch/eventRule:EventRule");
  const target = () => stack.one("aws:cloudwatch/eventTarget:EventTarget");

  it("is payment-webhook-received-<suffix> on the payment-events bus with the contract's pattern", () => {
    expect(rule().inputs.name).toBe(`payment-webhook-received-${SUFFIX}`);
    expect(rule().inputs.eventBusName).toBe(`payment-events-${SUFFIX}`);
    expect(parseJsonInput(rule(), "eventPattern")).toEqual(WORKFLOW_RULE_EVENT_PATTERN);
    expect(parseJsonInput(rule(), "eventPattern")).toEqual({ source: [WEBHOOK_EVENT_SOURCE], "detail-type": [WEBHOOK_EVENT_DETAIL_TYPE] });
  });

  it("targets the state machine with a role, the rule DLQ, a retry policy and the whole event as input", () => {
    expect(target().inputs).toMatchObject({
      rule: `payment-webhook-received-${SUFFIX}`,
      eventBusName: `payment-events-${SUFFIX}`,
      arn: STATE_MACHINE_ARN,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/payment-webhook-received-target-role-${SUFFIX}`,
      inputPath: "$",
      deadLetterConfig: { arn: RULE_DLQ_ARN },
      retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 20 },
    });
  });

  // StartExecution needs no KMS permission (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html).
  it("target role may only StartExecution on the state machine, assumed by EventBridge for this rule", () => {
    const policy = parseJsonInput(stack.byLogicalName("trigger-target-role-policy"), "policy") as PolicyDocument;
    expect(policy.Statement).toEqual([{ Sid: "StartPaymentProcessing", Effect: "Allow", Action: ["states:StartExecution"], Resource: [STATE_MACHINE_ARN] }]);
    const trust = parseJsonInput(stack.byLogicalName("trigger-target-role"), "assumeRolePolicy") as PolicyDocument;
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnEquals: { "aws:SourceArn": RULE_ARN } },
    });
  });
});

describe("WorkflowTrigger dead-letter queues", () => {
  it.each([
    ["trigger-pipe-dlq", `payment-events-pipe-dlq-${SUFFIX}`],
    ["trigger-rule-dlq", `payment-webhook-received-dlq-${SUFFIX}`],
  ])("%s is %s, encrypted with the CMK and keeps messages 14 days", (logicalName, physical) => {
    const queue = stack.byLogicalName(logicalName);
    expect(queue.inputs).toMatchObject({ name: physical, kmsMasterKeyId: FAKE.kmsKeyArn, messageRetentionSeconds: 1209600 });
    expect(queue.inputs.sqsManagedSseEnabled).toBeUndefined();
  });

  it("rule DLQ lets only EventBridge, for this rule, send to it", () => {
    const policy = parseJsonInput(stack.byLogicalName("trigger-rule-dlq-policy"), "policy") as PolicyDocument;
    const allowStatement = policy.Statement.find((s) => s.Effect === "Allow");
    expect(allowStatement).toEqual({
      Sid: "EventBridgeRuleDeadLetters",
      Effect: "Allow",
      Action: ["sqs:SendMessage"],
      Resource: [RULE_DLQ_ARN],
      Principal: { Service: "events.amazonaws.com" },
      Condition: { ArnEquals: { "aws:SourceArn": RULE_ARN } },
    });
  });

  it.each(["trigger-pipe-dlq-policy", "trigger-rule-dlq-policy"])("%s denies requests without TLS", (logicalName) => {
    const policy = parseJsonInput(stack.byLogicalName(logicalName), "policy") as PolicyDocument;
    const deny = policy.Statement.find((s) => s.Effect === "Deny");
    expect(deny).toMatchObject({ Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(deny?.Action).toContain("sqs:ReceiveMessage");
  });

  it("exports DLQ names and ARNs", () => {
    expect(stack.outputs).toMatchObject({
      pipeDlqName: `payment-events-pipe-dlq-${SUFFIX}`,
      ruleDlqName: `payment-webhook-received-dlq-${SUFFIX}`,
      pipeDlqArn: PIPE_DLQ_ARN,
      ruleDlqArn: RULE_DLQ_ARN,
      pipeName: `payment-events-pipe-${SUFFIX}`,
      ruleName: `payment-webhook-received-${SUFFIX}`,
    });
  });
});
