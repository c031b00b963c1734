import { ConditionalCheckFailedException, PutItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EVENT_TABLE_PARTITION_KEY, EVENT_TABLE_SORT_KEY, type EventItem } from "../../../contract/event-table";
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
  "TimeoutError",
]);

/**
 * One conditional PutItem per event: `attribute_not_exists` on the key makes a redelivery a
 * no-op. `timestamp` is a DynamoDB reserved word, hence ExpressionAttributeNames.
 */
export class DynamoDbEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(item: EventItem): Promise<PutOutcome> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshalEventItem(item),
          ConditionExpression: "attribute_not_exists(#pk) AND attribute_not_exists(#sk)",
          ExpressionAttributeNames: { "#pk": EVENT_TABLE_PARTITION_KEY, "#sk": EVENT_TABLE_SORT_KEY },
        }),
      );
      return "stored";
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === "ConditionalCheckFailedException") {
        return "duplicate";
      }
      throw new StorageError(`Could not store the event in ${this.tableName}.`, isTransient(error), { cause: error });
    }
  }
}

function isTransient(error: unknown): boolean {
  const candidate = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (candidate.$retryable || TRANSIENT_ERROR_NAMES.has(candidate.name ?? "")) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // No HTTP response at all: the endpoint was unreachable (ECONNREFUSED, DNS, socket timeout).
  return true;
}

/** EventItem has only string and number attributes; a hand-written marshaller avoids a dependency for two cases. */
export function marshalEventItem(item: EventItem): Record<string, AttributeValue> {
  const marshalled: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) {
    marshalled[name] = typeof value === "number" ? { N: String(value) } : { S: value };
  }
  return marshalled;
}
