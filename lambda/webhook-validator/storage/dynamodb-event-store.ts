import { TransactWriteItemsCommand, type AttributeValue, type CancellationReason, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EVENT_TABLE_PARTITION_KEY, type EventItem } from "../../../contract/event-table";
import { toIdentityItem } from "../core/event-item";
import { StorageError } from "../errors";
import type { EventStore, PutOutcome } from "./event-store";

/** Errors after which a redelivery will likely succeed: the provider should retry soon (503). */
const TRANSIENT_ERROR_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TransactionConflictException",
  "TransactionInProgressException",
  "TimeoutError",
]);

/** Cancellation reasons after which a redelivery will likely succeed (DynamoDB API reference, TransactWriteItems). */
const TRANSIENT_CANCELLATION_CODES = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"]);

/**
 * One TransactWriteItems per event, a single round trip: the EVENT item and its IDENTITY item
 * (contract/event-table.ts), each conditional on `attribute_not_exists` of its key. A redelivery
 * of the same provider event fails the IDENTITY condition even when its EVENT key differs (an
 * unsigned time changed), so nothing is written and the answer is "duplicate". DynamoDB
 * authorises each Put of a transaction as dynamodb:PutItem on the table, so the role needs
 * nothing more than the single put did.
 */
export class DynamoDbEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(item: EventItem): Promise<PutOutcome> {
    const absent = { ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": EVENT_TABLE_PARTITION_KEY } };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: marshalItem(item), ...absent } },
            { Put: { TableName: this.tableName, Item: marshalItem(toIdentityItem(item)), ...absent } },
          ],
        }),
      );
      return "stored";
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons !== undefined) {
        const codes = reasons.map((reason) => reason.Code ?? "None");
        // Either condition failing means this provider event was stored before.
        if (codes.includes("ConditionalCheckFailed")) return "duplicate";
        const transient = codes.every((code) => code === "None" || TRANSIENT_CANCELLATION_CODES.has(code));
        throw new StorageError(`Could not store the event in ${this.tableName} (transaction cancelled: ${codes.join(", ")}).`, transient, { cause: error });
      }
      throw new StorageError(`Could not store the event in ${this.tableName}.`, isTransient(error), { cause: error });
    }
  }
}

function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  const candidate = error as { name?: string; CancellationReasons?: CancellationReason[] };
  if (candidate?.name !== "TransactionCanceledException") return undefined;
  return candidate.CancellationReasons ?? [];
}

function isTransient(error: unknown): boolean {
  const candidate = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (candidate.$retryable || TRANSIENT_ERROR_NAMES.has(candidate.name ?? "")) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // No HTTP response at all: the endpoint was unreachable (ECONNREFUSED, DNS, socket timeout).
  return true;
}

/** The items have only string and number attributes; a hand-written marshaller avoids a dependency for two cases. */
export function marshalItem(item: object): Record<string, AttributeValue> {
  const marshalled: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item as Record<string, string | number>)) {
    marshalled[name] = typeof value === "number" ? { N: String(value) } : { S: value };
  }
  return marshalled;
}

export const marshalEventItem: (item: EventItem) => Record<string, AttributeValue> = marshalItem;
