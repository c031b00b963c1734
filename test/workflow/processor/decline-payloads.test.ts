/**
 * Declines from payloads shaped like the providers' documented examples, through the real path:
 * the provider module's normaliser -> the EVENT item -> the Pipe's input template -> the
 * processor on a DynamoDB API (dynalite), so field paths, the signals' encoding and the decline
 * history on the STATE item are all exercised.
 * Expected values come from the public pages named next to each case, not from the code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { PIPE_INPUT_TEMPLATE, type WebhookEventDetail } from "../../../contract/event-routing";
import type { DeclineAssessment } from "../../../contract/processor-decision";
import { renderJsonInputTemplate } from "../../../local/pipe/input-template";
import { DynamoDbPaymentStateStore } from "../../../lambda/payment-processor/adapters/dynamodb-state-store";
import { processPaymentEvent } from "../../../lambda/payment-processor/core/process-payment-event";
import { toEventItem } from "../../../lambda/webhook-validator/core/event-item";
import { adyen } from "../../../lambda/webhook-validator/providers/adyen";
import { checkout } from "../../../lambda/webhook-validator/providers/checkout";
import type { ProviderAdapter } from "../../../lambda/webhook-validator/providers/provider-adapter";
import { square } from "../../../lambda/webhook-validator/providers/square";
import { stripe } from "../../../lambda/webhook-validator/providers/stripe";
import { startDynaliteEventTable, type DynaliteEventTable } from "../../support/dynalite-event-table";
import { RecordingPublisher } from "../support/processor-harness";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const HOUR = 3600;
const DAY = 24 * HOUR;
let dynamo: DynaliteEventTable;
let store: DynamoDbPaymentStateStore;

beforeAll(async () => {
  dynamo = await startDynaliteEventTable("payment-events-decline-payloads");
  store = new DynamoDbPaymentStateStore(dynamo.client, dynamo.tableName);
});
afterAll(async () => {
  await dynamo.stop();
});

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8")) as Record<string, unknown>;
}

let run = 0;
/** Provider body -> the detail the workflow receives, as the stack's Pipe would render it. */
function detailsOf(adapter: ProviderAdapter, body: Record<string, unknown>, paymentSuffix: string): WebhookEventDetail[] {
  const rawPayload = JSON.stringify(body);
  const events = adapter.normalise({ json: body, headers: new Map() as never, receivedAt: NOW.toISOString(), rawPayload });
  return events.map((event) => {
    const item = toEventItem({ ...event, paymentId: `${event.paymentId}-${paymentSuffix}` }, 90);
    const newImage: Record<string, AttributeValue> = {};
    for (const [key, value] of Object.entries(item)) newImage[key] = typeof value === "number" ? { N: String(value) } : { S: String(value) };
    return renderJsonInputTemplate(PIPE_INPUT_TEMPLATE, { eventName: "INSERT", dynamodb: { NewImage: newImage } }) as WebhookEventDetail;
  });
}

async function process(detail: WebhookEventDetail, publisher = new RecordingPublisher()) {
  return processPaymentEvent(detail, { store, publisher, clock: { now: () => NOW } });
}

describe("Stripe: one decline, two notifications (charge.failed + payment_intent.payment_failed)", () => {
  // Same PaymentIntent, same charge, same `created` second: https://docs.stripe.com/api/events/types
  const suffixes = ["pi-first", "charge-first"];

  it.each([
    ["payment_intent.payment_failed first", 0, ["stripe-payment_intent.payment_failed.json", "stripe-charge.failed.json"]],
    ["charge.failed first", 1, ["stripe-charge.failed.json", "stripe-payment_intent.payment_failed.json"]],
  ])("%s: counted once, the issuer's reason kept, the same advice twice", async (_label, index, files) => {
    run += 1;
    const suffix = `${suffixes[index]}-${run}`;
    const [first, second] = files.map((file) => detailsOf(stripe, fixture(file), suffix)[0]);
    expect(first.paymentId).toBe(second.paymentId);

    const one = await process(first);
    const two = await process(second);
    const state = await store.load(first.paymentId);

    // The event applied last sets the status; either way the payment declined once.
    expect(state).toMatchObject({ status: "FAILED", consecutiveDeclines: 1, failureCode: "insufficient_funds" });
    expect(state?.declineHistory).toHaveLength(1);
    const assessments = [one, two].map((r) => r.decision.decline).filter((d): d is DeclineAssessment => d !== undefined);
    for (const decline of assessments) {
      expect(decline).toMatchObject({ failureCode: "insufficient_funds", category: "SOFT", attemptId: "ch_3DeclineTwoEvents", declinesInLast30Days: 1 });
    }
    expect(new Set(assessments.map((d) => d.retry.notBefore)).size).toBe(1);
    if (assessments.length === 2) expect(assessments.map((d) => d.repeatOfCountedDecline)).toEqual([false, true]);
  });

  it("charge.failed alone: the reason is outcome.reason, not failure_code's generic card_declined", async () => {
    const [detail] = detailsOf(stripe, fixture("stripe-charge.failed.json"), "charge-alone");
    expect(detail.failureCode).toBe("insufficient_funds");
    const { decision } = await process(detail);
    // Insufficient funds waits days (MAC 02 guidance: 72 h); MAC 24 (retry after 1 h) is earlier, so it does not move it.
    expect(decision.decline).toMatchObject({
      category: "SOFT",
      retryClass: "insufficient_funds",
      merchantAdviceCode: "24",
      adviceCode: "try_again_later",
      networkResponseCode: "51",
      cardNetwork: "mastercard",
      retry: { advisable: true, attempt: 1, delaySeconds: 72 * HOUR, notBefore: "2026-03-04T10:00:00.000Z" },
    });
  });

  it("a later decline with a new charge counts again and moves along the schedule", async () => {
    const suffix = "two-attempts";
    const [firstDecline] = detailsOf(stripe, fixture("stripe-payment_intent.payment_failed.json"), suffix);
    const body = fixture("stripe-payment_intent.payment_failed.json");
    const data = body.data as { object: { last_payment_error: { charge: string } } };
    data.object.last_payment_error.charge = "ch_3SecondAttempt";
    const [secondDecline] = detailsOf(stripe, { ...body, id: "evt_second", created: 1772359200 + 3 * DAY }, suffix);
    await process(firstDecline);
    const { decision } = await process(secondDecline);
    expect(decision.decline).toMatchObject({ attemptId: "ch_3SecondAttempt", declinesInLast30Days: 2, retry: { attempt: 2, delaySeconds: 4 * DAY } });
  });
});

describe("Checkout.com", () => {
  it("payment_declined (documented example): do-not-honour with MAC 24, the generic schedule's 1 day is later than 1 h", async () => {
    // https://www.checkout.com/docs/developer-resources/event-notifications/event-types/payment_declined
    const [detail] = detailsOf(checkout, fixture("checkout-payment_declined.json"), "declined");
    const { decision } = await process(detail);
    expect(decision.decline).toMatchObject({
      kind: "charge",
      failureCode: "20005",
      category: "SOFT",
      merchantAdviceCode: "24",
      cardNetwork: "mastercard",
      attemptId: "act_kjxqqajgnyie3l66ujvddw7gqm",
      retry: { advisable: true, rule: "schedule:generic", delaySeconds: DAY },
    });
  });

  it("payment_capture_declined (documented example) is not a charge decline: no re-charge advised", async () => {
    // https://www.checkout.com/docs/workflows/webhook-event-types/payment_capture_declined
    const [detail] = detailsOf(checkout, fixture("checkout-payment_capture_declined.json"), "capture");
    const { decision } = await process(detail);
    expect(decision.decline).toMatchObject({ kind: "capture", failureCode: "20006", retry: { advisable: false, rule: "capture-decline" } });
  });

  it("a 20067 (pick up card) decline is never retried, whatever the MAC", async () => {
    const body = fixture("checkout-payment_declined.json");
    (body.data as Record<string, unknown>).response_code = "20067";
    const [detail] = detailsOf(checkout, body, "pickup");
    const { decision } = await process(detail);
    expect(decision.decline?.retry).toMatchObject({ advisable: false, rule: "never:20067" });
  });
});

describe("Adyen", () => {
  it("AUTHORISATION success=false: reason text and additionalData's MAC 03 (do not try again) win over 'Not enough balance'", async () => {
    // https://docs.adyen.com/development-resources/refusal-reasons, MAC 03: https://www.checkout.com/docs/developer-resources/codes/recommendation-codes
    const [detail] = detailsOf(adyen, fixture("adyen-authorisation-refused.json"), "mac03");
    const { decision } = await process(detail);
    expect(decision.decline).toMatchObject({
      failureCode: "Not enough balance",
      category: "SOFT",
      merchantAdviceCode: "03",
      networkResponseCode: "51",
      cardNetwork: "mastercard",
      attemptId: "QFQTPCQ8HXSKGK82",
      retry: { advisable: false, rule: "mastercard-mac-03" },
    });
  });

  it("without advice, 'Not enough balance' follows the insufficient-funds schedule", async () => {
    const body = fixture("adyen-authorisation-refused.json");
    const item = (body.notificationItems as Array<{ NotificationRequestItem: Record<string, unknown> }>)[0].NotificationRequestItem;
    item.additionalData = {};
    item.pspReference = "QFQTPCQ8HXSKGK83";
    const [detail] = detailsOf(adyen, body, "no-advice");
    const { decision } = await process(detail);
    expect(decision.decline?.retry).toMatchObject({ advisable: true, rule: "schedule:insufficient_funds", delaySeconds: 3 * DAY });
  });
});

describe("Square", () => {
  it("payment.updated FAILED: card_details.errors[0].code and the card brand", async () => {
    // https://developer.squareup.com/reference/square/enums/ErrorCode
    const [detail] = detailsOf(square, fixture("square-payment.updated-failed.json"), "sq");
    const { decision } = await process(detail);
    expect(decision.decline).toMatchObject({ failureCode: "INSUFFICIENT_FUNDS", cardNetwork: "visa", retry: { advisable: true, delaySeconds: 3 * DAY } });
  });
});
