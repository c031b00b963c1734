/**
 * Many clients writing at once (the load test sends 500 webhooks at concurrency 16): the front
 * serialises writes per item, so each record's old and new images are exactly one write apart
 * and no write is lost or recorded twice.
 */
import { ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { createStreamTable, key, readAllRecords, startHarness, type LocalDynamoDbHarness } from "./support/local-dynamodb-harness";

let harness: LocalDynamoDbHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const ITEMS = 8;
const INCREMENTS_PER_ITEM = 40;

it(`${ITEMS * INCREMENTS_PER_ITEM} concurrent counter increments on ${ITEMS} items: one record each, images one step apart`, async () => {
  const { tableName, streamArn } = await createStreamTable(harness, "NEW_AND_OLD_IMAGES", "counter");
  const increments = Array.from({ length: ITEMS * INCREMENTS_PER_ITEM }, (_, index) => `item-${index % ITEMS}`);
  await Promise.all(
    increments.map((pk) =>
      harness.dynamodb.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(pk),
          UpdateExpression: "ADD n :one",
          ExpressionAttributeValues: { ":one": { N: "1" } },
        }),
      ),
    ),
  );

  const records = await readAllRecords(harness.streams, streamArn!, 100);
  expect(records).toHaveLength(ITEMS * INCREMENTS_PER_ITEM);
  for (let item = 0; item < ITEMS; item++) {
    const ofItem = records.filter((record) => record.dynamodb?.Keys?.pk?.S === `item-${item}`);
    // In stream order: INSERT n=1, then MODIFY n-1 → n for n = 2..40, with no gap or repeat.
    expect(ofItem.map((record) => [record.eventName, record.dynamodb?.OldImage?.n?.N, record.dynamodb?.NewImage?.n?.N])).toEqual(
      Array.from({ length: INCREMENTS_PER_ITEM }, (_, step) => (step === 0 ? ["INSERT", undefined, "1"] : ["MODIFY", String(step), String(step + 1)])),
    );
  }
  const sequenceNumbers = records.map((record) => BigInt(record.dynamodb!.SequenceNumber!));
  expect(sequenceNumbers.every((value, index) => index === 0 || value > sequenceNumbers[index - 1]!)).toBe(true);
});

it("concurrent conditional puts of the same item (duplicate deliveries): one succeeds, one INSERT", async () => {
  const { tableName, streamArn } = await createStreamTable(harness, "NEW_IMAGE", "dup");
  const attempts = await Promise.allSettled(
    Array.from({ length: 16 }, (_, attempt) =>
      harness.dynamodb.send(
        new PutItemCommand({ TableName: tableName, Item: { ...key("evt_dup"), attempt: { N: String(attempt) } }, ConditionExpression: "attribute_not_exists(pk)" }),
      ),
    ),
  );
  expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
  const rejected = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === "rejected");
  expect(rejected).toHaveLength(15);
  expect(rejected.every((attempt) => attempt.reason instanceof ConditionalCheckFailedException)).toBe(true);

  const records = await readAllRecords(harness.streams, streamArn!);
  expect(records.map((record) => record.eventName)).toEqual(["INSERT"]);
});
