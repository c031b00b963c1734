/** The processor core on a real DynamoDB API (dynalite): outcome shape, idempotency, ordering under concurrency. */
import type { WebhookEventDetail } from "../../../contract/event-routing";
import { isUnreferencedPaymentKey, NO_AMOUNT, PROVIDERS, unreferencedPaymentKey } from "../../../contract/event-table";
import { DynamoDbPaymentStateStore } from "../../../lambda/payment-processor/adapters/dynamodb-state-store";
import type { OutcomeEvent } from "../../../lambda/payment-processor/core/outcome";
import type { PaymentState } from "../../../lambda/payment-processor/core/payment-state";
import type { OutcomePublisher, PaymentStateStore } from "../../../lambda/payment-processor/core/ports";
import { processPaymentEvent, type ProcessorDependencies } from "../../../lambda/payment-processor/core/process-payment-event";
import { InvalidPaymentEventError, PaymentTransientError } from "../../../lambda/payment-processor/errors";
import { startDynaliteEventTable, type DynaliteEventTable } from "../../support/dynalite-event-table";
import { RecordingPublisher } from "../support/processor-harness";
import { eventDetail } from "../support/workflow-fixtures";

const NOW = new Date("2026-03-01T12:00:00.000Z");
let dynamo: DynaliteEventTable;
let store: DynamoDbPaymentStateStore;
let counter = 0;

beforeAll(async () => {
  dynamo = await startDynaliteEventTable("payment-events-core");
  store = new DynamoDbPaymentStateStore(dynamo.client, dynamo.tableName);
});
afterAll(async () => {
  await dynamo.stop();
});

function freshPayment(): string {
  counter += 1;
  return `pi_core_${counter}`;
}

function deps(publisher: OutcomePublisher = new RecordingPublisher(), stateStore: PaymentStateStore = store): ProcessorDependencies {
  return { store: stateStore, publisher, clock: { now: () => NOW } };
}

describe("processPaymentEvent", () => {
  it("publishes the outcome event downstream consumers rely on", async () => {
    const paymentId = freshPayment();
    const publisher = new RecordingPublisher();

    const { decision } = await processPaymentEvent(eventDetail({ paymentId }), deps(publisher));

    expect(decision).toEqual({ disposition: "APPLIED", paymentId, eventId: "evt_1", paymentStatus: "SUCCEEDED", previousStatus: "NONE", outcomePublished: "Payment Succeeded" });
    expect(publisher.published).toEqual<OutcomeEvent[]>([
      {
        source: "payment-webhooks.processor",
        detailType: "Payment Succeeded",
        time: new Date("2026-03-01T10:00:00.000Z"),
        detail: {
          outcomeId: "evt_1",
          paymentId,
          provider: "stripe",
          status: "SUCCEEDED",
          previousStatus: "NONE",
          eventId: "evt_1",
          eventType: "payment_intent.succeeded",
          occurredAt: "2026-03-01T10:00:00.000Z",
          amount: 2500,
          currency: "EUR",
        },
      },
    ]);
    expect(await store.load(paymentId)).toMatchObject({ status: "SUCCEEDED", version: 1, outcomePublishedForEventId: "evt_1" });
  });

  it("a declined payment's outcome carries the classification and the charge-retry advice", async () => {
    const paymentId = freshPayment();
    const publisher = new RecordingPublisher();
    const detail = eventDetail({ paymentId, provider: "adyen", status: "FAILED", eventType: "AUTHORISATION", failureCode: "Not enough balance" });

    const { decision } = await processPaymentEvent(detail, deps(publisher));

    // Adyen's "Not enough balance" is insufficient funds (docs.adyen.com/development-resources/refusal-reasons);
    // the first retry waits 72 h after the decline at 10:00 (MAC 02 guidance), not an hour.
    const decline = {
      kind: "charge",
      category: "SOFT",
      failureCode: "Not enough balance",
      description: "Insufficient funds",
      retryClass: "insufficient_funds",
      repeatOfCountedDecline: false,
      declinesInLast30Days: 1,
      retry: { advisable: true, rule: "schedule:insufficient_funds", attempt: 1, delaySeconds: 72 * 3600, notBefore: "2026-03-04T10:00:00.000Z" },
    };
    expect(decision.decline).toMatchObject(decline);
    expect(publisher.published[0]).toMatchObject({ detailType: "Payment Failed", detail: { status: "FAILED", decline } });
  });

  it("a crash between saving and publishing is repaired by the retry, and the outcome is published exactly once", async () => {
    const paymentId = freshPayment();
    const recorder = new RecordingPublisher();
    let failNext = true;
    const flakyPublisher: OutcomePublisher = {
      publish: async (outcome) => {
        if (failNext) {
          failNext = false;
          throw new PaymentTransientError("bus throttled");
        }
        await recorder.publish(outcome);
      },
    };
    const detail = eventDetail({ paymentId });

    await expect(processPaymentEvent(detail, deps(flakyPublisher))).rejects.toMatchObject({ name: "Payment.Transient" });
    const retried = await processPaymentEvent(detail, deps(flakyPublisher));
    const redelivered = await processPaymentEvent(detail, deps(flakyPublisher));

    expect(retried.decision).toMatchObject({ disposition: "DUPLICATE", outcomePublished: "Payment Succeeded" });
    expect(redelivered.decision).toMatchObject({ disposition: "DUPLICATE", outcomePublished: null });
    expect(recorder.published).toHaveLength(1);
    expect((await store.load(paymentId))?.version).toBe(1);
  });

  it("loses a race to a newer event safely: transient error, then the retry sees STALE and publishes nothing", async () => {
    const paymentId = freshPayment();
    const older = eventDetail({ paymentId, eventId: "evt_old", status: "PENDING", occurredAt: "2026-03-01T10:00:00.000Z" });
    const newer = eventDetail({ paymentId, eventId: "evt_new", status: "SUCCEEDED", occurredAt: "2026-03-01T10:05:00.000Z" });
    const publisher = new RecordingPublisher();
    let raced = false;
    // A store whose first save lets a concurrent invocation apply the newer event in between.
    const racingStore: PaymentStateStore = {
      load: (id) => store.load(id),
      markOutcomePublished: (id, eventId) => store.markOutcomePublished(id, eventId),
      save: async (next: PaymentState, expectedVersion: number | null) => {
        if (!raced) {
          raced = true;
          await processPaymentEvent(newer, deps(publisher));
        }
        return store.save(next, expectedVersion);
      },
    };

    await expect(processPaymentEvent(older, deps(publisher, racingStore))).rejects.toMatchObject({ name: "Payment.Transient", retryable: true });
    const retry = await processPaymentEvent(older, deps(publisher));

    expect(retry.decision).toMatchObject({ disposition: "STALE", paymentStatus: "SUCCEEDED", outcomePublished: null });
    expect(await store.load(paymentId)).toMatchObject({ status: "SUCCEEDED", lastEventId: "evt_new", version: 1 });
    expect(publisher.published.map((o) => o.detailType)).toEqual(["Payment Succeeded"]);
  });

  it.each<[string, Partial<Record<keyof WebhookEventDetail, unknown>>, string]>([
    ["paymentId", { paymentId: "" }, "Field paymentId is required."],
    ["eventId", { eventId: "  " }, "Field eventId is required."],
    ["provider", { provider: "paypal" }, 'Unknown provider "paypal"; expected one of stripe, standard-webhooks, adyen, square, checkout, generic.'],
    ["status", { status: "PAID" }, 'Unknown status "PAID"; expected one of PENDING, AUTHORIZED, SUCCEEDED, FAILED, REFUNDED, DISPUTED, CANCELED, UNKNOWN.'],
    ["amount", { amount: "12.50" }, `Field amount must be an integer of minor units (or ${NO_AMOUNT} for none); got "12.50".`],
    ["occurredAt", { occurredAt: "yesterday" }, 'Field occurredAt must be an ISO-8601 instant; got "yesterday".'],
    ["currency", { currency: 978 }, "Field currency must be a string."],
  ])("rejects a bad %s as a permanent Payment.InvalidEvent naming the field", async (field, override, message) => {
    const attempt = processPaymentEvent({ ...eventDetail({ paymentId: freshPayment() }), ...override }, deps());
    await expect(attempt).rejects.toBeInstanceOf(InvalidPaymentEventError);
    await expect(attempt).rejects.toMatchObject({ name: "Payment.InvalidEvent", field, message, retryable: false });
  });

  it("treats NO_AMOUNT (none sent) as unknown rather than invalid", async () => {
    const paymentId = freshPayment();
    await processPaymentEvent(eventDetail({ paymentId, amount: String(NO_AMOUNT) }), deps());
    expect((await store.load(paymentId))?.amountMinor).toBeNull();
  });
});

describe("processPaymentEvent: events that name no payment", () => {
  /** Fails the test on any state access: an unreferenced event has no payment state. */
  class ForbiddenStore implements PaymentStateStore {
    readonly calls: string[] = [];
    load = async (paymentId: string): Promise<PaymentState | null> => this.refuse(`load ${paymentId}`);
    save = async (next: PaymentState): Promise<void> => this.refuse(`save ${next.paymentId}`);
    markOutcomePublished = async (paymentId: string): Promise<void> => this.refuse(`markOutcomePublished ${paymentId}`);
    private refuse(call: string): never {
      this.calls.push(call);
      throw new Error(`unexpected state store call: ${call}`);
    }
  }

  it.each<[string, Partial<WebhookEventDetail>]>([
    ["a Stripe customer.created (status UNKNOWN)", { paymentId: "unreferenced#stripe#evt_customer_1", eventId: "evt_customer_1", eventType: "customer.created", status: "UNKNOWN", amount: String(NO_AMOUNT), currency: "" }],
    ["an Adyen notification without pspReference that still maps to a status", { paymentId: "unreferenced#adyen#adyen_noref_1", provider: "adyen", eventId: "adyen_noref_1", eventType: "AUTHORISATION", status: "SUCCEEDED" }],
  ])("%s is UNREFERENCED: no state read or written, nothing published", async (_case, overrides) => {
    const stateStore = new ForbiddenStore();
    const publisher = new RecordingPublisher();
    const detail = eventDetail(overrides);

    const result = await processPaymentEvent(detail, deps(publisher, stateStore));

    expect(result).toEqual({
      decision: { disposition: "UNREFERENCED", paymentId: overrides.paymentId, eventId: overrides.eventId, paymentStatus: "UNKNOWN", previousStatus: "NONE", outcomePublished: null },
      transitionKind: null,
    });
    expect(stateStore.calls).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it("still rejects an invalid unreferenced event as Payment.InvalidEvent (nothing is silently acknowledged)", async () => {
    const stateStore = new ForbiddenStore();
    const attempt = processPaymentEvent(eventDetail({ paymentId: "unreferenced#stripe#evt_bad", eventId: "evt_bad", occurredAt: "never" }), deps(new RecordingPublisher(), stateStore));
    await expect(attempt).rejects.toMatchObject({ name: "Payment.InvalidEvent", field: "occurredAt" });
    expect(stateStore.calls).toEqual([]);
  });

  it("a payment id that merely contains the word is a payment", async () => {
    const paymentId = `pi_unreferenced#${freshPayment()}`;
    const publisher = new RecordingPublisher();

    const { decision } = await processPaymentEvent(eventDetail({ paymentId }), deps(publisher));

    expect(decision).toMatchObject({ disposition: "APPLIED", paymentStatus: "SUCCEEDED", outcomePublished: "Payment Succeeded" });
    expect(await store.load(paymentId)).toMatchObject({ status: "SUCCEEDED", version: 1 });
  });
});

describe("isUnreferencedPaymentKey", () => {
  it.each(PROVIDERS)("recognises the key the validator builds for %s", (provider) => {
    expect(isUnreferencedPaymentKey(unreferencedPaymentKey(provider, "evt_1"))).toBe(true);
  });

  it.each(["pi_123", "unreferenced", "Unreferenced#stripe#evt_1", " unreferenced#stripe#evt_1", "pi_unreferenced#stripe#evt_1", ""])("does not take %j for one", (paymentId) => {
    expect(isUnreferencedPaymentKey(paymentId)).toBe(false);
  });
});
