/**
 * The stream records the local DynamoDB front writes, read back with the real
 * DynamoDBStreamsClient: which write produces which record (and which produces none), the
 * record's fields, and what each StreamViewType carries.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { StreamViewType } from "@aws-sdk/client-dynamodb-streams";
import { createStreamTable, key, readAllRecords, startHarness, type LocalDynamoDbHarness } from "./support/local-dynamodb-harness";

let harness: LocalDynamoDbHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function put(tableName: string, item: Record<string, unknown>, condition?: string) {
  await harness.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: item as never, ...(condition ? { ConditionExpression: condition } : {}) }));
}

async function setColour(tableName: string, pk: string, colour: string) {
  return harness.dynamodb.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: key(pk),
      UpdateExpression: "SET colour = :c",
      ExpressionAttributeValues: { ":c": { S: colour } },
      ReturnValues: "ALL_OLD",
    }),
  );
}

describe("which writes produce which records", () => {
  it("INSERT, MODIFY and REMOVE carry exact images; no-op writes, deletes of nothing and failed conditions write nothing", async () => {
    const { tableName, streamArn } = await createStreamTable(harness, "NEW_AND_OLD_IMAGES");
    await put(tableName, { ...key("p1"), colour: { S: "red" }, size: { N: "3" } });
    const update = await setColour(tableName, "p1", "blue");
    // The write itself still answers as DynamoDB does (ReturnValues passes through).
    expect(update.Attributes).toEqual({ ...key("p1"), colour: { S: "red" }, size: { N: "3" } });
    await setColour(tableName, "p1", "blue"); // changes nothing
    await put(tableName, { ...key("p1"), colour: { S: "blue" }, size: { N: "3" } }); // identical item
    await expect(put(tableName, { ...key("p1"), colour: { S: "green" } }, "attribute_not_exists(pk)")).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await harness.dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: key("p1") }));
    await harness.dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: key("never-written") }));
    await setColour(tableName, "p2", "white"); // UpdateItem creating the item

    const records = await readAllRecords(harness.streams, streamArn!);
    expect(records.map((record) => [record.eventName, record.dynamodb?.Keys, record.dynamodb?.OldImage, record.dynamodb?.NewImage])).toEqual([
      ["INSERT", key("p1"), undefined, { ...key("p1"), colour: { S: "red" }, size: { N: "3" } }],
      ["MODIFY", key("p1"), { ...key("p1"), colour: { S: "red" }, size: { N: "3" } }, { ...key("p1"), colour: { S: "blue" }, size: { N: "3" } }],
      ["REMOVE", key("p1"), { ...key("p1"), colour: { S: "blue" }, size: { N: "3" } }, undefined],
      ["INSERT", key("p2"), undefined, { ...key("p2"), colour: { S: "white" } }],
    ]);
  });

  it("fills every field of a record as DynamoDB Streams does", async () => {
    const { tableName, streamArn } = await createStreamTable(harness, "NEW_IMAGE");
    const before = Date.now();
    await put(tableName, { ...key("f1"), note: { S: "héllo" }, blob: { B: Buffer.from([0, 1, 2, 255]) } });
    await put(tableName, { ...key("f2") });
    const after = Date.now();

    const [first, second] = await readAllRecords(harness.streams, streamArn!);
    expect(first).toMatchObject({ eventName: "INSERT", eventVersion: "1.1", eventSource: "aws:dynamodb", awsRegion: "us-east-1" });
    expect(first!.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(second!.eventID).not.toBe(first!.eventID);
    expect(first!.dynamodb!.StreamViewType).toBe("NEW_IMAGE");
    // Binary attributes round-trip byte-exact through the wire's base64.
    expect(Buffer.from(first!.dynamodb!.NewImage!.blob!.B!)).toEqual(Buffer.from([0, 1, 2, 255]));
    // Epoch seconds on the wire, rounded down: the SDK turns it into a whole-second Date.
    const created = first!.dynamodb!.ApproximateCreationDateTime!.getTime();
    expect(created % 1000).toBe(0);
    expect(created).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(created).toBeLessThanOrEqual(after);
    // Numeric strings of 21+ digits, increasing in write order.
    const [a, b] = [first!.dynamodb!.SequenceNumber!, second!.dynamodb!.SequenceNumber!];
    expect(a).toMatch(/^\d{21,}$/);
    expect(BigInt(b)).toBeGreaterThan(BigInt(a));
    // Keys (pk "f1" + sk "a" = 2 + 1 + 2 + 1 bytes) and a larger image.
    expect(first!.dynamodb!.SizeBytes).toBeGreaterThan(6);
    expect(first!.dynamodb!.SizeBytes).toBeGreaterThan(second!.dynamodb!.SizeBytes!);
  });
});

describe("StreamViewType decides what a record carries", () => {
  const cases: Array<[StreamViewType, { insert: string[]; modify: string[]; remove: string[] }]> = [
    ["KEYS_ONLY", { insert: [], modify: [], remove: [] }],
    ["NEW_IMAGE", { insert: ["NewImage"], modify: ["NewImage"], remove: [] }],
    ["OLD_IMAGE", { insert: [], modify: ["OldImage"], remove: ["OldImage"] }],
    ["NEW_AND_OLD_IMAGES", { insert: ["NewImage"], modify: ["NewImage", "OldImage"], remove: ["OldImage"] }],
  ];

  it.each(cases)("%s", async (viewType, expected) => {
    const { tableName, streamArn } = await createStreamTable(harness, viewType);
    await put(tableName, { ...key("v"), colour: { S: "red" } });
    await setColour(tableName, "v", "blue");
    await harness.dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: key("v") }));

    const records = await readAllRecords(harness.streams, streamArn!);
    expect(records.map((record) => record.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
    const imagesOf = (index: number) => ["NewImage", "OldImage"].filter((field) => (records[index]!.dynamodb as Record<string, unknown>)[field] !== undefined);
    expect({ insert: imagesOf(0), modify: imagesOf(1), remove: imagesOf(2) }).toEqual(expected);
    for (const record of records) {
      expect(record.dynamodb!.Keys).toEqual(key("v"));
      expect(record.dynamodb!.StreamViewType).toBe(viewType);
    }
    if (viewType === "OLD_IMAGE") expect(records[1]!.dynamodb!.OldImage).toEqual({ ...key("v"), colour: { S: "red" } });
    if (viewType === "NEW_IMAGE") expect(records[1]!.dynamodb!.NewImage).toEqual({ ...key("v"), colour: { S: "blue" } });
  });
});
