/**
 * The CreateTable request for the event table, built from the same schema constants the stack
 * gives the real table: the local runtime (local/dynamodb/) and the tests (dynalite) create
 * their tables from this one function, so a schema change reaches every copy at once.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { EVENT_TABLE_ATTRIBUTES, EVENT_TABLE_PARTITION_KEY, EVENT_TABLE_SORT_KEY, EVENT_TABLE_STREAM_VIEW_TYPE } from "./event-table";

export function eventTableCreateInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: EVENT_TABLE_ATTRIBUTES.map(({ name, type }) => ({ AttributeName: name, AttributeType: type })),
    KeySchema: [
      { AttributeName: EVENT_TABLE_PARTITION_KEY, KeyType: "HASH" },
      { AttributeName: EVENT_TABLE_SORT_KEY, KeyType: "RANGE" },
    ],
    // On-demand, as deployed (lib/storage/event-table.ts).
    BillingMode: "PAY_PER_REQUEST",
    StreamSpecification: { StreamEnabled: true, StreamViewType: EVENT_TABLE_STREAM_VIEW_TYPE },
  };
}
