/** The STATE item of a payment in the event table (sort key PAYMENT_STATE_SORT_KEY). */
import {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
  EVENT_TABLE_PARTITION_KEY,
  EVENT_TABLE_SORT_KEY,
  ITEM_TYPE_ATTRIBUTE,
  NO_AMOUNT,
  PAYMENT_STATE_SORT_KEY,
  type PaymentStatus,
  type ProviderId,
} from "../../../contract/event-table";
import type { PaymentState } from "../core/payment-state";
import { parseDeclineHistory, serialiseDeclineHistory } from "../decline/decline-history";
import type { PaymentStateStore } from "../core/ports";
import { PaymentTransientError } from "../errors";
import { toProcessingError } from "./aws-errors";

type Item = Record<string, AttributeValue>;

export class DynamoDbPaymentStateStore implements PaymentStateStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async load(paymentId: string): Promise<PaymentState | null> {
    try {
      const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: stateKey(paymentId), ConsistentRead: true }));
      return Item ? fromItem(Item) : null;
    } catch (error) {
      throw toProcessingError(error, "Loading payment state");
    }
  }

  async save(next: PaymentState, expectedVersion: number | null): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(next),
          ...(expectedVersion === null
            ? { ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": EVENT_TABLE_PARTITION_KEY } }
            : {
                ConditionExpression: "#version = :expected",
                ExpressionAttributeNames: { "#version": "version" },
                ExpressionAttributeValues: { ":expected": { N: String(expectedVersion) } },
              }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new PaymentTransientError(
          `Payment ${next.paymentId}'s state changed concurrently (expected version ${expectedVersion ?? "none"}); a retry decides again on fresh state.`,
          { cause: error },
        );
      }
      throw toProcessingError(error, "Saving payment state");
    }
  }

  async markOutcomePublished(paymentId: string, eventId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: stateKey(paymentId),
          UpdateExpression: "SET outcomePublishedForEventId = :eventId",
          ConditionExpression: "lastEventId = :eventId",
          ExpressionAttributeValues: { ":eventId": { S: eventId } },
        }),
      );
    } catch (error) {
      // A newer event took over the state meanwhile: its own invocation publishes its outcome.
      if (isConditionFailure(error)) return;
      throw toProcessingError(error, "Recording the published outcome");
    }
  }
}

// By name, not instanceof: a second copy of the SDK in a bundle would break instanceof silently.
function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

function stateKey(paymentId: string): Item {
  return { [EVENT_TABLE_PARTITION_KEY]: { S: paymentId }, [EVENT_TABLE_SORT_KEY]: { S: PAYMENT_STATE_SORT_KEY } };
}

function toItem(state: PaymentState): Item {
  return {
    ...stateKey(state.paymentId),
    [ITEM_TYPE_ATTRIBUTE]: { S: "STATE" },
    provider: { S: state.provider },
    // "status" is a DynamoDB reserved word; a distinct name keeps expressions simple.
    paymentStatus: { S: state.status },
    previousStatus: { S: state.previousStatus },
    lastEventId: { S: state.lastEventId },
    lastEventKey: { S: state.lastEventKey },
    lastEventType: { S: state.lastEventType },
    lastOccurredAt: { S: state.lastOccurredAt },
    lastOccurredAtMs: { N: String(state.lastOccurredAtMs) },
    amount: { N: String(state.amountMinor ?? NO_AMOUNT) },
    currency: { S: state.currency },
    failureCode: { S: state.failureCode },
    consecutiveDeclines: { N: String(state.consecutiveDeclines) },
    declineHistory: { S: serialiseDeclineHistory(state.declineHistory ?? []) },
    outcomePublishedForEventId: { S: state.outcomePublishedForEventId ?? "" },
    version: { N: String(state.version) },
    updatedAt: { S: state.updatedAt },
  };
}

function fromItem(item: Item): PaymentState {
  const s = (name: string): string => item[name]?.S ?? "";
  const n = (name: string): number => Number(item[name]?.N ?? "0");
  const amount = n("amount");
  return {
    paymentId: s(EVENT_TABLE_PARTITION_KEY),
    provider: s("provider") as ProviderId,
    status: s("paymentStatus") as PaymentStatus,
    previousStatus: (s("previousStatus") || "NONE") as PaymentStatus | "NONE",
    lastEventId: s("lastEventId"),
    lastEventKey: s("lastEventKey"),
    lastEventType: s("lastEventType"),
    lastOccurredAt: s("lastOccurredAt"),
    lastOccurredAtMs: n("lastOccurredAtMs"),
    amountMinor: amount === NO_AMOUNT ? null : amount,
    currency: s("currency"),
    failureCode: s("failureCode"),
    consecutiveDeclines: n("consecutiveDeclines"),
    declineHistory: parseDeclineHistory(s("declineHistory")),
    outcomePublishedForEventId: s("outcomePublishedForEventId") || null,
    version: n("version"),
    updatedAt: s("updatedAt"),
  };
}
