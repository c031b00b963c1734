import aslValidator from "asl-validator";
import { allStates } from "../../lib/workflow/workflow-analysis";
import type { PolicyDocument, PolicyStatement } from "../../lib/security/policy-document";
import type { AslDefinition } from "../../lib/workflow/definition";
import { FAKE, parseJsonInput, runEventingProgram, SUFFIX, type EventingStack } from "./support/eventing-program";

const ACCOUNT = "123456789012";
const STATE_MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:payment-processing-${SUFFIX}`;
const LOG_GROUP = `/aws/vendedlogs/states/payment-processing-${SUFFIX}`;

let stack: EventingStack;
beforeAll(async () => {
  stack = await runEventingProgram();
});

const stateMachine = () => stack.one("aws:sfn/stateMachine:StateMachine");
const definition = () => parseJsonInput(stateMachine(), "definition") as AslDefinition;
const rolePolicy = () => parseJsonInput(stack.byLogicalName("processing-role-policy"), "policy") as PolicyDocument;
const statement = (sid: string): PolicyStatement => {
  const found = rolePolicy().Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

describe("ProcessingWorkflow state machine", () => {
  it("is payment-processing-<suffix>, STANDARD by default, run by its own role", () => {
    expect(stateMachine().inputs.name).toBe(`payment-processing-${SUFFIX}`);
    expect(stateMachine().inputs.type).toBe("STANDARD");
    expect(stateMachine().inputs.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/payment-processing-workflow-role-${SUFFIX}`);
    expect(stack.outputs).toMatchObject({ stateMachineArn: STATE_MACHINE_ARN, stateMachineName: `payment-processing-${SUFFIX}`, workflowLogGroupName: LOG_GROUP });
  });

  it("has X-Ray tracing on", () => {
    expect(stateMachine().inputs.tracingConfiguration).toEqual({ enabled: true });
  });

  it("logs ALL with execution data to its log group (ARN with :*)", () => {
    expect(stateMachine().inputs.loggingConfiguration).toEqual({
      level: "ALL",
      includeExecutionData: true,
      logDestination: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${LOG_GROUP}:*`,
    });
  });

  it("encrypts execution data with the CMK", () => {
    expect(stateMachine().inputs.encryptionConfiguration).toEqual({
      type: "CUSTOMER_MANAGED_KMS_KEY",
      kmsKeyId: FAKE.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
    });
  });

  it("log group is under /aws/vendedlogs/states, CMK-encrypted, with the configured retention", () => {
    expect(stack.one("aws:cloudwatch/logGroup:LogGroup", "processing").inputs).toMatchObject({
      name: LOG_GROUP,
      kmsKeyId: FAKE.kmsKeyArn,
      retentionInDays: 30,
    });
  });

  it("definition is valid ASL", () => {
    const result = aslValidator(definition(), { checkArn: true, checkPaths: true });
    expect(result.errorsText("\n")).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("definition invokes the processor ARN and addresses the events table by name", () => {
    const tasks = allStates(definition()).filter(([, state]) => state.Type === "Task");
    const invokes = tasks.filter(([, state]) => state.Resource === "arn:aws:states:::lambda:invoke");
    expect(invokes.length).toBeGreaterThanOrEqual(1);
    for (const [, state] of invokes) expect((state.Parameters as Record<string, unknown>).FunctionName).toBe(FAKE.processorArn);
    const dynamo = tasks.filter(([, state]) => String(state.Resource).startsWith("arn:aws:states:::dynamodb:"));
    for (const [, state] of dynamo) expect((state.Parameters as Record<string, unknown>).TableName).toBe(FAKE.tableName);
  });
});

describe("ProcessingWorkflow role", () => {
  it("trusts states.amazonaws.com for this account's state machine only", () => {
    const trust = parseJsonInput(stack.byLogicalName("processing-role"), "assumeRolePolicy") as PolicyDocument;
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "states.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": STATE_MACHINE_ARN } },
      },
    ]);
  });

  // The Task invokes the unqualified ARN; test/permissions shows no call needs a version or alias.
  it("may invoke the unqualified processor only", () => {
    expect(statement("InvokeProcessor")).toMatchObject({ Action: ["lambda:InvokeFunction"], Resource: [FAKE.processorArn] });
  });

  it("has exactly the DynamoDB actions the definition's states use, on the table ARN", () => {
    // The current definition claims (updateItem), looks up (getItem), marks processed and
    // records failures (updateItem); nothing else.
    expect(statement("RecordProcessingOnEventsTable")).toMatchObject({ Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [FAKE.tableArn] });
  });

  // DynamoDB calls KMS as the caller of DynamoDB, through its endpoint, in the table's context
  // (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
  it("may use the table key through DynamoDB for the events table only", () => {
    expect(statement("UseTableKeyThroughDynamoDb")).toMatchObject({
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: [FAKE.kmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", "kms:EncryptionContext:aws:dynamodb:tableName": FAKE.tableArn.split("/")[1] } },
    });
  });

  // Logging a CMK-encrypted state machine (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html).
  it("may generate data keys for its execution logs in the log delivery's context", () => {
    expect(statement("EncryptExecutionLogs")).toMatchObject({
      Action: ["kms:GenerateDataKey"],
      Resource: [FAKE.kmsKeyArn],
      Condition: { StringLike: { "kms:EncryptionContext:SourceArn": "arn:aws:logs:us-east-1:123456789012:*" } },
    });
  });

  it("uses the key only in this state machine's encryption context", () => {
    expect(statement("EncryptExecutionData")).toMatchObject({
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [FAKE.kmsKeyArn],
      Condition: { StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": STATE_MACHINE_ARN } },
    });
  });

  it("has Resource * only for X-Ray and log delivery", () => {
    expect(statement("WriteTraces")).toMatchObject({
      Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
      Resource: "*",
    });
    expect(statement("DeliverExecutionLogs").Resource).toBe("*");
    expect(statement("DeliverExecutionLogs").Action).toContain("logs:CreateLogDelivery");
    const unscoped = rolePolicy().Statement.filter((s) => s.Resource === "*").map((s) => s.Sid);
    expect(unscoped.sort()).toEqual(["DeliverExecutionLogs", "WriteTraces"]);
  });

  it("grants no events:PutEvents when no bus is given", () => {
    expect(rolePolicy().Statement.flatMap((s) => s.Action)).not.toContain("events:PutEvents");
  });
});

describe("ProcessingWorkflow EXPRESS", () => {
  it("builds an EXPRESS state machine when the retry tuning fits in five minutes", async () => {
    const express = await runEventingProgram({
      workflow: { workflowType: "EXPRESS", retry: { intervalSeconds: 1, backoffRate: 2, maxAttempts: 3, maxDelaySeconds: 4 } },
    });
    expect(express.one("aws:sfn/stateMachine:StateMachine").inputs.type).toBe("EXPRESS");
  });
});
