/**
 * The processor never orders by unsigned time. Adyen signs no time (its `eventDate` is outside
 * the HMAC), so for Adyen the lifecycle precedence decides, whatever the eventDates say; for the
 * providers that sign their event time, the signed time decides. Every pair of known statuses is
 * tested in both delivery orders.
 */
import { EVENT_ORDERING } from "../../../contract/event-ordering";
import { PROVIDERS, type PaymentStatus, type ProviderId } from "../../../contract/event-table";
import { LIFECYCLE_PRECEDENCE } from "../../../lambda/payment-processor/core/ordering";
import { parsePaymentEvent, type PaymentEvent } from "../../../lambda/payment-processor/core/payment-event";
import type { PaymentState } from "../../../lambda/payment-processor/core/payment-state";
import { decideTransition } from "../../../lambda/payment-processor/core/transition";
import { providerAdapter } from "../../../lambda/webhook-validator/providers/registry";

const NOW = new Date("2026-03-02T00:00:00.000Z");
const KNOWN: PaymentStatus[] = ["PENDING", "AUTHORIZED", "FAILED", "CANCELED", "SUCCEEDED", "REFUNDED", "DISPUTED"];

function event(provider: ProviderId, status: PaymentStatus, occurredAt: string, eventId: string): PaymentEvent {
  return parsePaymentEvent({
    paymentId: "pay_order_1",
    timestamp: `${occurredAt}#${eventId}`,
    provider,
    eventId,
    eventType: `test.${status}`,
    status,
    amount: "1000",
    currency: "EUR",
    failureCode: "",
    occurredAt,
  });
}

/** Applies the events in the given order and returns the final status. */
function finalStatus(events: PaymentEvent[]): PaymentStatus {
  let state: PaymentState | null = null;
  for (const next of events) state = decideTransition(state, next, NOW).next ?? state;
  return state!.status;
}

const EARLY = "2024-11-19T08:00:00.000Z";
const LATE = "2024-11-20T08:00:00.000Z";

describe("Adyen (no signed time): lifecycle precedence", () => {
  const pairs = KNOWN.flatMap((a) => KNOWN.filter((b) => b !== a).map((b) => [a, b] as const));

  it.each(pairs)("%s then %s: the higher precedence wins, even when the lower one carries the later eventDate", (a, b) => {
    const winner = LIFECYCLE_PRECEDENCE[a] > LIFECYCLE_PRECEDENCE[b] ? a : b;
    const loser = winner === a ? b : a;
    // The loser gets the LATER unsigned eventDate: a replay can set any eventDate it likes.
    const winning = event("adyen", winner, EARLY, `PSP_${winner}:EV:true`);
    const losing = event("adyen", loser, LATE, `PSP_${loser}:EV:true`);
    expect(finalStatus(a === winner ? [winning, losing] : [losing, winning])).toBe(winner);
  });

  it("a refund is never undone by a late authorisation", () => {
    const refund = event("adyen", "REFUNDED", EARLY, "PSP2:REFUND:true");
    const authorisation = event("adyen", "AUTHORIZED", LATE, "PSP1:AUTHORISATION:true");
    expect(finalStatus([refund, authorisation])).toBe("REFUNDED");
    expect(finalStatus([authorisation, refund])).toBe("REFUNDED");
  });

  it("a chargeback outranks a capture", () => {
    const chargeback = event("adyen", "DISPUTED", EARLY, "PSP1:CHARGEBACK:true");
    const capture = event("adyen", "SUCCEEDED", LATE, "PSP3:CAPTURE:true");
    expect(finalStatus([chargeback, capture])).toBe("DISPUTED");
    expect(finalStatus([capture, chargeback])).toBe("DISPUTED");
  });

  it("the same events give the same final state in every delivery order", () => {
    const events = KNOWN.map((status, index) => event("adyen", status, new Date(Date.parse(LATE) - index * 60_000).toISOString(), `PSP${index}:EV:true`));
    const expected = finalStatus(events);
    expect(expected).toBe("DISPUTED");
    for (let rotation = 1; rotation < events.length; rotation++) {
      expect(finalStatus([...events.slice(rotation), ...events.slice(0, rotation)])).toBe(expected);
      expect(finalStatus([...events].reverse())).toBe(expected);
    }
  });
});

describe("providers with a signed time: the signed time decides", () => {
  const signed = PROVIDERS.filter((provider) => EVENT_ORDERING[provider] === "signed-time");

  it.each(signed)("%s: a late-delivered authorisation with an earlier signed time is stale after a refund", (provider) => {
    const refund = event(provider, "REFUNDED", LATE, "evt_refund");
    const authorisation = event(provider, "AUTHORIZED", EARLY, "evt_auth");
    const state = decideTransition(null, refund, NOW).next;
    expect(decideTransition(state, authorisation, NOW).disposition).toBe("STALE");
  });
});

describe("each provider module states its signed time as the processor orders it", () => {
  it.each([...PROVIDERS])("%s", (provider) => {
    const { signedTime } = providerAdapter(provider).identity;
    expect(signedTime === null).toBe(EVENT_ORDERING[provider] === "lifecycle");
  });
});
