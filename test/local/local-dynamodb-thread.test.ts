/**
 * The local DynamoDB on its worker thread, as the runtime starts it: reachable by the real SDK
 * clients (writes and their stream records), gone when stopped, and a start-up failure reported
 * with its cause instead of a hang.
 */
import { createServer } from "node:net";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createEventTable } from "../../local/dynamodb/event-table";
import { startLocalDynamoDbThread } from "../../local/dynamodb/local-dynamodb-thread";
import { localDynamoDbClient, localStreamsClient } from "../../local/support/aws-clients";
import { readAllRecords } from "./support/local-dynamodb-harness";

it("serves DynamoDB and its stream from the thread, and stops listening when stopped", async () => {
  const running = await startLocalDynamoDbThread();
  const dynamodb = localDynamoDbClient(running.endpoint);
  const streams = localStreamsClient(running.endpoint);
  try {
    const table = await createEventTable(dynamodb, "payment-events-thread-test");
    await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: { paymentId: { S: "pi_thread" }, timestamp: { S: "t1" } } }));
    const records = await readAllRecords(streams, table.streamArn);
    expect(records.map((record) => [record.eventName, record.dynamodb?.Keys])).toEqual([["INSERT", { paymentId: { S: "pi_thread" }, timestamp: { S: "t1" } }]]);
  } finally {
    dynamodb.destroy();
    streams.destroy();
    await running.stop();
  }
  await expect(fetch(`${running.endpoint}/`)).rejects.toThrow();
});

it("reports why it could not start (port taken)", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
  const { port } = blocker.address() as { port: number };
  try {
    await expect(startLocalDynamoDbThread({ port })).rejects.toThrow(/did not start: .*EADDRINUSE/);
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});
