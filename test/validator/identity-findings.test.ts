/**
 * Identity and order come only from signed data: one regression test per finding of the
 * SDK-driven review (issue 11), against the real storage path (the store's transaction on
 * dynalite behind the local DynamoDB front, which also keeps the stream).
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, DescribeStreamCommand } from "@aws-sdk/client-dynamodb-streams";
import { PIPE_FILTER_PATTERN } from "../../contract/event-routing";
import { identityItemKey, IDENTITY_SORT_KEY, NO_AMOUNT } from "../../contract/event-table";
import { parsePaymentEvent } from "../../lambda/payment-processor/core/payment-event";
import { envelopeTime } from "../../lambda/webhook-validator/providers/standard-webhooks";
import { DynamoDbEventStore } from "../../lambda/webhook-validator/storage/dynamodb-event-store";
import { matchWebhookRoute } from "../../local/api/proxy-event";
import { matchesEventPattern } from "../../local/eventbridge/event-pattern";
import { startDynaliteEventTable, TEST_AWS, type DynaliteEventTable } from "../support/dynalite-event-table";
import { coreDeps, requestFor, runCore } from "./support/core-harness";
import { sdkSign } from "./support/sdk-signers";

const NOW = 1_732_000_100;

let table: DynaliteEventTable;
beforeEach(async () => {
  table = await startDynaliteEventTable();
});
afterEach(async () => table.stop());

const deps = () => coreDeps(NOW, { store: new DynamoDbEventStore(table.client, table.tableName) });
const eventItems = async () => (await table.scanAll()).filter((item) => item.itemType?.S === "EVENT");

function adyenNotification(eventCode: string, eventDate: string, psp = "8816178952380553", original?: string) {
  return {
    live: "false",
    notificationItems: [
      {
        NotificationRequestItem: {
          additionalData: { authCode: "012345" },
          amount: { currency: "EUR", value: 1000 },
          eventCode,
          eventDate,
          merchantAccountCode: "ExampleMerchantECOM",
          merchantReference: "order-5521",
          pspReference: psp,
          ...(original ? { originalReference: original } : {}),
          reason: "",
          success: "true",
        },
      },
    ],
  };
}

describe("finding 1: an Adyen replay with another eventDate", () => {
  it("is a duplicate: one EVENT item, one IDENTITY item, and only the EVENT item passes the Pipe filter", async () => {
    const first = await runCore(requestFor("adyen", sdkSign.adyen(adyenNotification("AUTHORISATION", "2024-11-19T08:06:40+01:00"))), deps());
    expect(first.ok && first.result.outcome).toBe("stored");
    await runCore(requestFor("adyen", sdkSign.adyen(adyenNotification("REFUND", "2024-11-19T09:00:00+01:00", "9916178952380999", "8816178952380553"))), deps());
    const replay = await runCore(requestFor("adyen", sdkSign.adyen(adyenNotification("AUTHORISATION", "2024-11-20T10:00:00+01:00"))), deps());
    expect(replay.ok && replay.result.outcome).toBe("duplicate");

    const events = await eventItems();
    expect(events.map((item) => item.eventType?.S).sort()).toEqual(["AUTHORISATION", "REFUND"]);
    const identities = (await table.scanAll()).filter((item) => item.itemType?.S === "IDENTITY");
    expect(identities.map((item) => item.paymentId?.S).sort()).toEqual(
      [identityItemKey("adyen", "8816178952380553:AUTHORISATION:true"), identityItemKey("adyen", "9916178952380999:REFUND:true")].sort(),
    );
    expect(identities.every((item) => item.timestamp?.S === IDENTITY_SORT_KEY)).toBe(true);

    // DynamoDB writes one stream record per item a transaction writes; the Pipe filter keeps the EVENT ones.
    const records = await streamRecords();
    const inserts = records.filter((record) => record.eventName === "INSERT");
    expect(inserts).toHaveLength(4);
    const routed = inserts.filter((record) => matchesEventPattern(PIPE_FILTER_PATTERN, record));
    expect(routed.map((record) => record.dynamodb?.NewImage?.itemType?.S)).toEqual(["EVENT", "EVENT"]);
  });

  it("under concurrency: eight replays with different eventDates store one event", async () => {
    const dates = Array.from({ length: 8 }, (_, index) => `2024-11-${String(10 + index).padStart(2, "0")}T08:00:00Z`);
    const outcomes = await Promise.all(
      dates.map(async (date) => {
        const outcome = await runCore(requestFor("adyen", sdkSign.adyen(adyenNotification("AUTHORISATION", date))), deps());
        return outcome.ok ? outcome.result.outcome : outcome.code;
      }),
    );
    // A transaction that loses a race is cancelled: "duplicate", or a 503 the provider redelivers (then a duplicate).
    expect(outcomes.filter((outcome) => outcome === "stored")).toHaveLength(1);
    expect(outcomes.every((outcome) => ["stored", "duplicate", "storage_unavailable"].includes(outcome))).toBe(true);
    expect(await eventItems()).toHaveLength(1);
  });
});

describe("finding 2: a Standard Webhooks resend (same webhook-id, new webhook-timestamp, no body timestamp)", () => {
  it("is a duplicate", async () => {
    const body = JSON.stringify({ type: "payment.succeeded", data: { paymentId: "pay_resend_1", status: "succeeded", amount: 1250, currency: "usd" } });
    const first = await runCore(requestFor("standard-webhooks", sdkSign.standardWebhooks(body, "msg_resend_1", NOW - 120)), deps());
    const resend = await runCore(requestFor("standard-webhooks", sdkSign.standardWebhooks(body, "msg_resend_1", NOW)), deps());
    expect(first.ok && first.result.outcome).toBe("stored");
    expect(resend.ok && resend.result.outcome).toBe("duplicate");
    expect(await eventItems()).toHaveLength(1);
  });
});

describe("finding 3: Stripe events with a negative amount", () => {
  it.each(["customer.balance_transaction.created", "invoiceitem.created", "issuing_transaction.created"])("%s is stored with its amount", async (type) => {
    const object = type.startsWith("customer")
      ? { id: "cbtxn_1", object: "customer_balance_transaction", amount: -500, currency: "usd", customer: "cus_1" }
      : type.startsWith("invoiceitem")
        ? { id: "ii_1", object: "invoiceitem", amount: -1500, currency: "eur", customer: "cus_1" }
        : { id: "ipi_1", object: "issuing.transaction", amount: -1, currency: "usd", type: "refund" };
    const body = JSON.stringify({ id: `evt_neg_${type}`, object: "event", created: NOW - 10, type, data: { object } });
    const outcome = await runCore(requestFor("stripe", sdkSign.stripe(body, NOW)), deps());
    expect(outcome.ok && outcome.result.outcome).toBe("stored");
    const [stored] = await eventItems();
    expect(stored?.amount?.N).toBe(String(object.amount));
    // …and the processor reads it back as that amount, not as "none".
    const detail = { paymentId: stored!.paymentId!.S, timestamp: stored!.timestamp!.S, provider: "stripe", eventId: stored!.eventId!.S, eventType: type, status: "UNKNOWN", amount: stored!.amount!.N, currency: "USD", failureCode: "", occurredAt: stored!.occurredAt!.S };
    expect(parsePaymentEvent(detail).amountMinor).toBe(object.amount);
    expect(parsePaymentEvent({ ...detail, amount: String(NO_AMOUNT) }).amountMinor).toBeNull();
  });
});

describe("finding 4: a numeric Standard Webhooks envelope timestamp", () => {
  it.each([
    ["epoch seconds", 1_732_000_000],
    ["epoch milliseconds", 1_732_000_000_000],
  ])("%s is accepted as that instant", async (_kind, timestamp) => {
    const body = JSON.stringify({ type: "payment.succeeded", timestamp, data: { paymentId: "pay_numeric_ts", status: "succeeded" } });
    const outcome = await runCore(requestFor("standard-webhooks", sdkSign.standardWebhooks(body, `msg_numeric_${timestamp}`, NOW)), deps());
    expect(outcome.ok && outcome.result.outcome).toBe("stored");
    const [stored] = await eventItems();
    expect(stored?.occurredAt?.S).toBe("2024-11-19T07:06:40.000Z");
  });

  it("refuses a timestamp that is no instant with a 400 naming the field", () => {
    for (const value of [-1, 1.5, true, {}, 9e15]) expect(() => envelopeTime(value)).toThrow("timestamp must be");
  });
});

describe("finding 5: a malformed percent-escape in the local API path", () => {
  it("reaches the validator as sent and is answered 404 unknown_provider, not a crash", async () => {
    const route = matchWebhookRoute("/webhooks/%ZZ");
    expect(route?.pathParameters?.provider).toBe("%ZZ");
    const outcome = await runCore(requestFor(route!.pathParameters!.provider as never, sdkSign.checkout("{}")), coreDeps(NOW));
    expect(!outcome.ok && outcome.code).toBe("unknown_provider");
  });
});

async function streamRecords() {
  const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
  const streams = new DynamoDBStreamsClient({ ...TEST_AWS, endpoint: table.endpoint });
  try {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }));
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: Table!.LatestStreamArn!, ShardId: StreamDescription!.Shards![0]!.ShardId!, ShardIteratorType: "TRIM_HORIZON" }),
    );
    return (await streams.send(new GetRecordsCommand({ ShardIterator }))).Records ?? [];
  } finally {
    streams.destroy();
  }
}
