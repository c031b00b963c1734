/**
 * Provider mappings: what each sample delivery becomes as a stored EventItem. Expected values
 * are written out by hand from the sample payloads, not computed.
 */
import { NO_AMOUNT, type EventItem, type ProviderId } from "../../contract/event-table";
import { coreDeps, InMemoryEventStore, requestFor, runCore } from "./support/core-harness";
import { sampleBody, signDelivery } from "./support/signed-deliveries";

const NOW = 1_732_000_000;
const RECEIVED_AT = "2024-11-19T07:06:40.000Z";
const EXPIRES_AT = NOW + 30 * 86_400;

async function storedItems(provider: ProviderId, body: string, messageId?: string): Promise<EventItem[]> {
  const store = new InMemoryEventStore();
  const delivery = signDelivery(provider, body, { timestamp: NOW, messageId });
  const result = await runCore(requestFor(provider, delivery), coreDeps(NOW, { store }));
  if (!result.ok) throw new Error(`expected acceptance, got ${result.code}: ${result.error.message}`);
  return [...store.items.values()];
}

const common = { itemType: "EVENT", processingStatus: "RECEIVED", receivedAt: RECEIVED_AT, expiresAt: EXPIRES_AT };

describe("each provider's sample maps to the expected item", () => {
  it("stripe: payment_intent.payment_failed", async () => {
    const body = sampleBody("stripe", "evt_1QGdX2");
    expect(await storedItems("stripe", body)).toEqual([
      {
        ...common,
        paymentId: "pi_3QGdX2Lk9bN7",
        timestamp: "2024-11-19T07:06:40.000Z#evt_1QGdX2",
        provider: "stripe",
        eventId: "evt_1QGdX2",
        eventType: "payment_intent.payment_failed",
        status: "FAILED",
        amount: 2599,
        currency: "EUR",
        failureCode: "insufficient_funds",
        declineSignals: "",
        occurredAt: "2024-11-19T07:06:40.000Z",
        payload: body,
      },
    ]);
  });

  it("standard-webhooks: event id from webhook-id, time from the envelope", async () => {
    const [item] = await storedItems("standard-webhooks", sampleBody("standard-webhooks", "x"), "msg_abc123");
    expect(item).toMatchObject({
      paymentId: "pay_sw_8821",
      timestamp: "2024-11-19T07:06:40.123Z#msg_abc123",
      eventId: "msg_abc123",
      eventType: "payment.succeeded",
      status: "SUCCEEDED",
      amount: 1250,
      currency: "USD",
      failureCode: "",
    });
  });

  it("adyen: AUTHORISATION success=true, event time converted to UTC", async () => {
    const [item] = await storedItems("adyen", sampleBody("adyen", "8816178952380553"));
    expect(item).toMatchObject({
      paymentId: "8816178952380553",
      timestamp: "2024-11-19T07:06:40.000Z#8816178952380553:AUTHORISATION:true",
      eventId: "8816178952380553:AUTHORISATION:true",
      eventType: "AUTHORISATION",
      status: "AUTHORIZED",
      amount: 1000,
      currency: "EUR",
      occurredAt: "2024-11-19T07:06:40.000Z",
    });
  });

  it("square: payment.updated COMPLETED", async () => {
    const [item] = await storedItems("square", sampleBody("square", "6a8f5f28-54a1-4eb0-a98a-3111513fd4fc"));
    expect(item).toMatchObject({
      paymentId: "KkAkhdMsgzn59SM8A89WgKwekxLZY",
      eventId: "6a8f5f28-54a1-4eb0-a98a-3111513fd4fc",
      status: "SUCCEEDED",
      amount: 4200,
      currency: "USD",
      occurredAt: "2024-11-19T07:06:40.123Z",
    });
  });

  it("checkout: payment_captured", async () => {
    const [item] = await storedItems("checkout", sampleBody("checkout", "evt_az5sblvku4ge3dwpztvyizgcau"));
    expect(item).toMatchObject({
      paymentId: "pay_mbabizu24mvu3mela5njyhpit4",
      eventId: "evt_az5sblvku4ge3dwpztvyizgcau",
      eventType: "payment_captured",
      status: "SUCCEEDED",
      amount: 6540,
      currency: "GBP",
      failureCode: "",
      occurredAt: "2024-11-19T07:06:40.000Z",
    });
  });

  it("generic: our documented shape", async () => {
    const [item] = await storedItems("generic", sampleBody("generic", "gen-evt-1"));
    expect(item).toMatchObject({ paymentId: "gen-pay-77", eventId: "gen-evt-1", status: "REFUNDED", amount: 500, currency: "CHF" });
  });
});

describe("status mappings", () => {
  const stripeEvent = (type: string, object: Record<string, unknown>) =>
    JSON.stringify({ id: `evt_${type}`, type, created: 1_732_000_000, data: { object } });

  it.each([
    ["payment_intent.succeeded", { object: "payment_intent", id: "pi_1" }, "SUCCEEDED", "pi_1"],
    ["payment_intent.canceled", { object: "payment_intent", id: "pi_1" }, "CANCELED", "pi_1"],
    ["payment_intent.amount_capturable_updated", { object: "payment_intent", id: "pi_1" }, "AUTHORIZED", "pi_1"],
    ["charge.refunded", { object: "charge", id: "ch_1", payment_intent: "pi_2" }, "REFUNDED", "pi_2"],
    ["charge.failed", { object: "charge", id: "ch_3", failure_code: "card_declined" }, "FAILED", "ch_3"],
    ["charge.dispute.created", { object: "dispute", id: "dp_1", charge: "ch_4", reason: "fraudulent" }, "DISPUTED", "ch_4"],
    ["customer.created", { object: "customer", id: "cus_1" }, "UNKNOWN", "unreferenced#stripe#evt_customer.created"],
  ])("stripe %s → %s", async (type, object, status, paymentId) => {
    const [item] = await storedItems("stripe", stripeEvent(type, object));
    expect(item).toMatchObject({ status, paymentId });
  });

  const adyenItem = (eventCode: string, success: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      notificationItems: [
        { NotificationRequestItem: { eventCode, success, pspReference: "PSPMOD1", eventDate: "2024-11-19T07:06:40Z", merchantAccountCode: "M", ...extra } },
      ],
    });

  it.each([
    ["AUTHORISATION", "false", { reason: "Refused" }, "FAILED", "PSPMOD1", "Refused"],
    ["CAPTURE", "true", { originalReference: "PSPAUTH1" }, "SUCCEEDED", "PSPAUTH1", ""],
    ["REFUND", "true", { originalReference: "PSPAUTH1" }, "REFUNDED", "PSPAUTH1", ""],
    ["CANCELLATION", "true", { originalReference: "PSPAUTH1" }, "CANCELED", "PSPAUTH1", ""],
    ["CHARGEBACK", "true", { originalReference: "PSPAUTH1" }, "DISPUTED", "PSPAUTH1", ""],
    ["REPORT_AVAILABLE", "true", {}, "UNKNOWN", "PSPMOD1", ""],
  ])("adyen %s success=%s → %s", async (eventCode, success, extra, status, paymentId, failureCode) => {
    const [item] = await storedItems("adyen", adyenItem(eventCode, success, extra));
    expect(item).toMatchObject({ status, paymentId, failureCode, amount: NO_AMOUNT, currency: "" });
  });

  it.each([
    ["APPROVED", "AUTHORIZED"],
    ["FAILED", "FAILED"],
    ["CANCELED", "CANCELED"],
    ["PENDING", "PENDING"],
  ])("square payment %s → %s", async (squareStatus, status) => {
    const body = JSON.stringify({
      type: "payment.updated",
      event_id: `sq-${squareStatus}`,
      created_at: "2024-11-19T07:06:40Z",
      data: { object: { payment: { id: "sqpay1", status: squareStatus } } },
    });
    const [item] = await storedItems("square", body);
    expect(item).toMatchObject({ status, paymentId: "sqpay1" });
  });

  it("square refund → REFUNDED on the refunded payment", async () => {
    const body = JSON.stringify({
      type: "refund.updated",
      event_id: "sq-refund-1",
      created_at: "2024-11-19T07:06:40Z",
      data: { object: { refund: { id: "rf1", payment_id: "sqpay9", status: "COMPLETED", amount_money: { amount: 100, currency: "USD" } } } },
    });
    expect((await storedItems("square", body))[0]).toMatchObject({ status: "REFUNDED", paymentId: "sqpay9", amount: 100 });
  });

  it.each([
    ["payment_declined", { id: "pay_1", response_code: "20051" }, "FAILED", "pay_1", "20051"],
    ["payment_approved", { id: "pay_1" }, "AUTHORIZED", "pay_1", ""],
    ["payment_refunded", { id: "pay_1" }, "REFUNDED", "pay_1", ""],
    ["dispute_received", { id: "dsp_1", payment_id: "pay_7" }, "DISPUTED", "pay_7", ""],
  ])("checkout %s → %s", async (type, data, status, paymentId, failureCode) => {
    const body = JSON.stringify({ id: `evt_${type}`, type, created_on: "2024-11-19T07:06:40Z", data });
    expect((await storedItems("checkout", body))[0]).toMatchObject({ status, paymentId, failureCode });
  });
});

describe("events without a payment reference", () => {
  it("are stored under unreferenced#<provider>#<eventId>, not dropped", async () => {
    const body = JSON.stringify({ id: "gen-evt-noref", type: "account.updated", occurredAt: "2024-11-19T07:06:40Z" });
    expect(await storedItems("generic", body)).toEqual([
      expect.objectContaining({ paymentId: "unreferenced#generic#gen-evt-noref", status: "UNKNOWN", amount: NO_AMOUNT, currency: "", failureCode: "" }),
    ]);
  });
});

describe("malformed but authentic payloads are 400s naming the field", () => {
  it.each([
    ["stripe", JSON.stringify({ type: "charge.succeeded", created: 1 }), "missing_field", "id"],
    ["stripe", JSON.stringify({ id: "evt_1", type: "charge.succeeded", created: "yesterday" }), "invalid_field", "created"],
    ["checkout", JSON.stringify({ id: "evt_1", type: "payment_captured", created_on: "19/11/2024" }), "invalid_field", "created_on"],
    ["generic", JSON.stringify({ id: "e1", type: "t", occurredAt: "2024-11-19T07:06:40Z", amount: 12.5 }), "invalid_field", "amount"],
    ["generic", JSON.stringify({ id: "e1", type: "t", occurredAt: "2024-11-19T07:06:40Z", currency: "euro" }), "invalid_field", "currency"],
    ["generic", JSON.stringify({ id: "e".repeat(300), type: "t", occurredAt: "2024-11-19T07:06:40Z" }), "invalid_field", "id"],
    ["square", "[1,2,3]", "missing_field", "type"],
    ["generic", '"just a string"', "invalid_field", "body"],
    ["adyen", JSON.stringify({ notificationItems: [] }), "missing_field", "notificationItems"],
    ["stripe", "{not json", "invalid_json", "JSON"],
  ] as const)("%s %s → %s", async (provider, body, code, fieldMention) => {
    const result = await runCore(requestFor(provider, signDelivery(provider, body, { timestamp: NOW })), coreDeps(NOW));
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok === false && result.error.message).toContain(fieldMention);
  });
});
