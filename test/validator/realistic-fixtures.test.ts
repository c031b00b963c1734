/**
 * Realistic deliveries: the providers' documented example payloads (fixtures/realistic/<provider>/,
 * each naming its source), signed with the provider's own SDK, accepted by the SDK's verifier,
 * run through the validator core into the event table on dynalite, and the stored items compared
 * with the values written in the fixture — read from the payload as the provider documents its
 * fields, never computed by the code under test. A redelivery of the same bytes is a duplicate.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GetItemCommand, QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { IDENTITY_SORT_KEY, identityItemKey, NO_AMOUNT, type ProviderId } from "../../contract/event-table";
import { DynamoDbEventStore } from "../../lambda/webhook-validator/storage/dynamodb-event-store";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { coreDeps, requestFor, runCore } from "./support/core-harness";
import { sdkSign, sdkVerifies, type SdkDelivery } from "./support/sdk-signers";

const FIXTURES = join(__dirname, "fixtures", "realistic");
/** Receiving clock; Stripe and Standard Webhooks deliveries are signed at this instant. */
const NOW = 1_732_000_100;

interface Expected {
  eventId: string;
  eventType: string;
  paymentId: string;
  status: string;
  /** Minor units as the provider sent them; null = the provider sent no amount (stored as NO_AMOUNT). */
  amount: number | null;
  currency: string;
  occurredAt: string;
}

interface RealisticFixture {
  source: string[];
  note: string;
  /** Set when the validator does not yet accept the documented shape: the case runs as it.failing. */
  knownGap?: string;
  /** Standard Webhooks: the webhook-id the sender signs with. */
  headers?: Record<string, string>;
  body: unknown;
  /** Grows `path` (array: appended copies; object: merged keys) with `template`, `{i}` replaced by the copy's index, until the body is `minBytes` long. */
  pad?: { path: string; minBytes: number; template: unknown };
  expect: Expected[];
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .sort((a, b) => a.name.localeCompare(b.name))
  .flatMap((dir) =>
    readdirSync(join(FIXTURES, dir.name))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => ({
        provider: dir.name as ProviderId,
        name: `${dir.name}/${file}`,
        fixture: JSON.parse(readFileSync(join(FIXTURES, dir.name, file), "utf8")) as RealisticFixture,
      })),
  );

function container(root: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], root);
}

function instantiate(template: unknown, index: number): unknown {
  return JSON.parse(JSON.stringify(template).replaceAll("{i}", String(index)));
}

/** The fixture's body, grown to `pad.minBytes` (compact JSON) when it asks for it. */
function bodyOf(fixture: RealisticFixture): unknown {
  const body: unknown = structuredClone(fixture.body);
  const pad = fixture.pad;
  if (pad === undefined) return body;
  const target = container(body, pad.path);
  const size = () => Buffer.byteLength(JSON.stringify(body));
  const add = (index: number) => {
    const entry = instantiate(pad.template, index);
    if (Array.isArray(target)) target.push(entry);
    else Object.assign(target as object, entry);
  };
  // Measure one entry, add the estimated rest at once, then top up: the body is serialised a few times, not once per entry.
  const before = size();
  add(0);
  const perEntry = Math.max(1, size() - before);
  let count = 1 + Math.max(0, Math.ceil((pad.minBytes - size()) / perEntry));
  for (let index = 1; index < count; index += 1) add(index);
  while (size() < pad.minBytes) add(count++);
  return body;
}

/** Signed with the provider's SDK. Bodies are indented JSON (as Stripe sends them); Adyen's signer re-serialises the notification. */
function signed(provider: ProviderId, fixture: RealisticFixture, body: unknown): SdkDelivery {
  const text = JSON.stringify(body, null, 2);
  switch (provider) {
    case "stripe":
      return sdkSign.stripe(text, NOW);
    case "standard-webhooks":
      return sdkSign.standardWebhooks(text, fixture.headers?.["webhook-id"] ?? "", NOW);
    case "adyen":
      return sdkSign.adyen(body as never);
    case "square":
      return sdkSign.square(text);
    case "checkout":
      return sdkSign.checkout(text);
    case "generic":
      return sdkSign.generic(text);
  }
}

const string = (item: Record<string, AttributeValue> | undefined, name: string) => item?.[name]?.S;

let table: DynaliteEventTable;
beforeAll(async () => {
  table = await startDynaliteEventTable("payment-events-realistic");
});
afterAll(async () => table.stop());

async function storedEvent(paymentId: string, eventId: string): Promise<Record<string, AttributeValue> | undefined> {
  const result = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: "paymentId = :p",
      ExpressionAttributeValues: { ":p": { S: paymentId } },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).find((item) => string(item, "itemType") === "EVENT" && string(item, "eventId") === eventId);
}

describe("realistic provider payloads, SDK-signed, stored on dynalite", () => {
  it("has a fixture for every provider event type this suite promises, each citing its source", () => {
    const names = cases.map(({ name }) => name);
    for (const expected of [
      "stripe/payment_intent.succeeded.json",
      "stripe/charge.failed.json",
      "stripe/charge.refunded.json",
      "stripe/charge.dispute.created.json",
      "stripe/customer.balance_transaction.created.json",
      "stripe/invoiceitem.created.json",
      "stripe/issuing_transaction.created.json",
      "standard-webhooks/payment.succeeded.json",
      "adyen/authorisation.json",
      "adyen/capture.json",
      "adyen/refund.json",
      "adyen/chargeback.json",
      "adyen/batch-colon-backslash.json",
      "square/payment.updated.json",
      "square/refund.updated.json",
      "checkout/payment_approved.json",
      "checkout/payment_declined.json",
      "checkout/payment_refunded.json",
      "checkout/dispute_received.json",
    ]) {
      expect(names).toContain(expected);
    }
    for (const provider of ["stripe", "standard-webhooks", "adyen", "square", "checkout", "generic"]) {
      expect(cases.some((c) => c.provider === provider && c.fixture.pad !== undefined)).toBe(true);
    }
    for (const { fixture } of cases) expect(fixture.source.length).toBeGreaterThan(0);
  });

  for (const { provider, name, fixture } of cases) {
    const run = fixture.knownGap === undefined ? it : it.failing;
    run(`${name}${fixture.knownGap === undefined ? "" : ` (known gap: ${fixture.knownGap})`}`, async () => {
      const delivery = signed(provider, fixture, bodyOf(fixture));
      if (fixture.pad !== undefined) expect(Buffer.byteLength(delivery.body)).toBeGreaterThanOrEqual(fixture.pad.minBytes);
      // The provider's own verifier accepts the delivery (Adyen: HmacValidator on every item).
      expect(await sdkVerifies(provider, delivery, NOW)).toBe(true);

      const deps = coreDeps(NOW, { store: new DynamoDbEventStore(table.client, table.tableName) });
      const first = await runCore(requestFor(provider, delivery), deps);
      if (!first.ok) throw new Error(`${name}: rejected with ${first.code}: ${first.error.message}`);
      expect(first.result.outcome).toBe("stored");
      expect(first.result.events.map(({ eventId, paymentId }) => ({ eventId, paymentId }))).toEqual(
        fixture.expect.map(({ eventId, paymentId }) => ({ eventId, paymentId })),
      );

      for (const expected of fixture.expect) {
        const item = await storedEvent(expected.paymentId, expected.eventId);
        expect({
          provider: string(item, "provider"),
          eventType: string(item, "eventType"),
          status: string(item, "status"),
          amount: Number(item?.amount?.N),
          currency: string(item, "currency"),
          occurredAt: string(item, "occurredAt"),
          processingStatus: string(item, "processingStatus"),
          payload: string(item, "payload"),
        }).toEqual({
          provider,
          eventType: expected.eventType,
          status: expected.status,
          amount: expected.amount ?? NO_AMOUNT,
          currency: expected.currency,
          occurredAt: expected.occurredAt,
          processingStatus: "RECEIVED",
          payload: delivery.body,
        });
        const identity = await table.client.send(
          new GetItemCommand({
            TableName: table.tableName,
            Key: { paymentId: { S: identityItemKey(provider, expected.eventId) }, timestamp: { S: IDENTITY_SORT_KEY } },
            ConsistentRead: true,
          }),
        );
        expect(string(identity.Item, "itemType")).toBe("IDENTITY");
        expect(string(identity.Item, "eventPaymentId")).toBe(expected.paymentId);
      }

      // The same bytes again (a provider retry) are a duplicate: nothing new is stored.
      const again = await runCore(requestFor(provider, delivery), deps);
      expect(again.ok && again.result.outcome).toBe("duplicate");
    });
  }

  it("adyen batch: the signed merchantReference of every item holds ':' and '\\', and each item verifies alone", async () => {
    const { fixture } = cases.find(({ name }) => name === "adyen/batch-colon-backslash.json")!;
    const delivery = sdkSign.adyen(bodyOf(fixture) as never);
    const items = (JSON.parse(delivery.body) as { notificationItems: Array<{ NotificationRequestItem: { merchantReference: string } }> }).notificationItems;
    expect(items.length).toBeGreaterThan(1);
    for (const wrapper of items) {
      expect(wrapper.NotificationRequestItem.merchantReference).toMatch(/:/);
      expect(wrapper.NotificationRequestItem.merchantReference).toMatch(/\\/);
      // Adyen's HmacValidator on the item alone, and the validator's core on a one-item notification.
      const single: SdkDelivery = { ...delivery, body: JSON.stringify({ live: "false", notificationItems: [wrapper] }) };
      expect(await sdkVerifies("adyen", single, NOW)).toBe(true);
      const outcome = await runCore(requestFor("adyen", single), coreDeps(NOW));
      expect(outcome.ok).toBe(true);
    }
  });
});
