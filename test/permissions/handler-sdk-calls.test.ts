/**
 * The access map cannot drift from the code: the AWS SDK commands the handlers really send
 * (recorded by an SDK middleware while the adapters run against dynalite) and the service
 * integrations in the state machine definition must be exactly the map's.
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { EventItem } from "../../contract/event-table";
import { EventBridgeOutcomePublisher } from "../../lambda/payment-processor/adapters/eventbridge-outcome-publisher";
import { DynamoDbPaymentStateStore } from "../../lambda/payment-processor/adapters/dynamodb-state-store";
import { processPaymentEvent } from "../../lambda/payment-processor/core/process-payment-event";
import { DynamoDbEventStore } from "../../lambda/webhook-validator/storage/dynamodb-event-store";
import { allStates } from "../../lib/workflow/workflow-analysis";
import { HANDLER_SDK_CALLS, WORKFLOW_INTEGRATION_CALLS } from "../support/permissions/access-map";
import { recordCommands } from "../support/permissions/sdk-command-recorder";
import { startDynaliteEventTable, TEST_AWS } from "../support/dynalite-event-table";
import { eventDetail, workflowDefinition } from "../workflow/support/workflow-fixtures";

const mapped = (handler: keyof typeof HANDLER_SDK_CALLS) =>
  Object.entries(HANDLER_SDK_CALLS[handler] as Record<string, readonly string[]>)
    .flatMap(([service, operations]) => operations.map((operation) => `${service}:${operation}`))
    .sort();

const storedEvent: EventItem = {
  paymentId: "pi_recorded_1",
  timestamp: "2026-03-01T10:00:00.000Z#evt_recorded_1",
  itemType: "EVENT",
  provider: "stripe",
  eventId: "evt_recorded_1",
  eventType: "payment_intent.succeeded",
  status: "SUCCEEDED",
  amount: 2599,
  currency: "EUR",
  failureCode: "",
  declineSignals: "",
  occurredAt: "2026-03-01T10:00:00.000Z",
  receivedAt: "2026-03-01T10:00:01.000Z",
  payload: '{"id":"evt_recorded_1"}',
  processingStatus: "RECEIVED",
  expiresAt: 1_800_000_000,
};

describe("SDK commands the handlers send", () => {
  it("the validator sends exactly the access map's calls", async () => {
    const table = await startDynaliteEventTable("payment-events-recorded-validator");
    try {
      const sent = new Set<string>();
      // dynalite has no transactions: answer TransactWriteItems as DynamoDB does on success.
      recordCommands(table.client, "dynamodb", sent, (command) => (command === "TransactWriteItemsCommand" ? {} : undefined));
      const store = new DynamoDbEventStore(table.client, table.tableName);
      await store.putIfAbsent(storedEvent);
      await store.putIfAbsent(storedEvent); // the duplicate path too
      expect([...sent].sort()).toEqual(mapped("webhook-validator"));
    } finally {
      await table.stop();
    }
  });

  it("the processor sends exactly the access map's calls", async () => {
    const table = await startDynaliteEventTable("payment-events-recorded-processor");
    try {
      const sent = new Set<string>();
      recordCommands(table.client, "dynamodb", sent);
      const events = new EventBridgeClient({ ...TEST_AWS });
      recordCommands(events, "events", sent, () => ({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] })); // no local EventBridge
      const deps = { store: new DynamoDbPaymentStateStore(table.client, table.tableName), publisher: new EventBridgeOutcomePublisher(events, "payment-events-test"), clock: { now: () => new Date("2026-03-01T12:00:00.000Z") } };
      await processPaymentEvent(eventDetail({ paymentId: "pi_recorded" }), deps);
      await processPaymentEvent(eventDetail({ paymentId: "pi_recorded" }), deps); // duplicate
      await processPaymentEvent(eventDetail({ paymentId: "pi_recorded", eventId: "evt_older", occurredAt: "2026-02-01T10:00:00.000Z" }), deps); // stale
      expect([...sent].sort()).toEqual(mapped("payment-processor"));
    } finally {
      await table.stop();
    }
  });
});

describe("service integrations of the state machine", () => {
  it("are exactly the access map's workflow calls", () => {
    const integrations = new Set<string>();
    for (const [, state] of allStates(workflowDefinition("payment-events-ci"))) {
      if (state.Type !== "Task") continue;
      // arn:aws:states:::<service>:<api> — optimised integrations name the API in camelCase.
      const match = /^arn:aws:states:::([a-z0-9-]+):([A-Za-z]+)/.exec(String(state.Resource));
      if (!match) throw new Error(`Task resource ${String(state.Resource)} is not a service integration`);
      const [, service, api] = match;
      integrations.add(service === "lambda" && api === "invoke" ? "lambda:InvokeFunction" : `${service}:${api.charAt(0).toUpperCase()}${api.slice(1)}`);
    }
    expect([...integrations].sort()).toEqual([...WORKFLOW_INTEGRATION_CALLS].sort());
  });
});
