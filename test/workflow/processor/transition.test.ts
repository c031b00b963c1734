import fc from "fast-check";
import { NO_DECLINE_SIGNALS } from "../../../contract/decline-signals";
import { PAYMENT_STATUSES, type PaymentStatus } from "../../../contract/event-table";
import type { PaymentEvent } from "../../../lambda/payment-processor/core/payment-event";
import type { PaymentState } from "../../../lambda/payment-processor/core/payment-state";
import { decideTransition, type Transition } from "../../../lambda/payment-processor/core/transition";

const NOW = new Date("2026-03-02T00:00:00.000Z");
const T0 = Date.parse("2026-03-01T10:00:00.000Z");

function event(status: PaymentStatus, occurredAtMs: number, eventId: string): PaymentEvent {
  const occurredAt = new Date(occurredAtMs).toISOString();
  return {
    paymentId: "pi_t",
    eventKey: `${occurredAt}#${eventId}`,
    provider: "stripe",
    eventId,
    eventType: `test.${status.toLowerCase()}`,
    status,
    amountMinor: 1000,
    currency: "USD",
    failureCode: status === "FAILED" ? "insufficient_funds" : "",
    declineSignals: { ...NO_DECLINE_SIGNALS },
    occurredAt,
    occurredAtMs,
  };
}

function stateAfter(first: PaymentEvent): PaymentState {
  const next = decideTransition(null, first, NOW).next;
  if (!next) throw new Error("first event must create state");
  return next;
}

/** One letter per outcome, so the tables below read like a matrix. */
function code(transition: Transition): string {
  switch (transition.disposition) {
    case "STALE":
      return "T";
    case "DUPLICATE":
      return "D";
    case "IGNORED":
      return "I";
    case "APPLIED":
      return { first: "F", advance: "A", "same-status": "S", lateral: "L", regression: "R" }[transition.kind ?? "first"];
  }
}

// Columns: the incoming event's status, in this order.
const INCOMING: PaymentStatus[] = ["PENDING", "AUTHORIZED", "SUCCEEDED", "FAILED", "CANCELED", "REFUNDED", "DISPUTED", "UNKNOWN"];
// F first event, A advance, S same status, L lateral (same depth), R regression (applied, flagged),
// T stale (older, no-op), I ignored (UNKNOWN never overwrites a known status), D duplicate.
const WHEN_NEWER: Record<PaymentStatus | "NONE", string> = {
  NONE: "F F F F F F F F",
  PENDING: "S A A A A A A I",
  AUTHORIZED: "R S A A A A A I",
  SUCCEEDED: "R R S L L A A I",
  FAILED: "R R L S L A A I",
  CANCELED: "R R L L S A A I",
  REFUNDED: "R R R R R S L I",
  DISPUTED: "R R R R R L S I",
  UNKNOWN: "A A A A A A A S",
};
const WHEN_OLDER: Record<PaymentStatus | "NONE", string> = {
  NONE: "F F F F F F F F",
  PENDING: "T T T T T T T I",
  AUTHORIZED: "T T T T T T T I",
  SUCCEEDED: "T T T T T T T I",
  FAILED: "T T T T T T T I",
  CANCELED: "T T T T T T T I",
  REFUNDED: "T T T T T T T I",
  DISPUTED: "T T T T T T T I",
  UNKNOWN: "A A A A A A A T",
};

function outcomes(current: PaymentStatus | "NONE", offsetMs: number): string {
  const state = current === "NONE" ? null : stateAfter(event(current, T0, "evt_current"));
  return INCOMING.map((status) => code(decideTransition(state, event(status, T0 + offsetMs, "evt_incoming"), NOW))).join(" ");
}

describe("payment state transitions: every current status x every incoming status", () => {
  it.each(Object.keys(WHEN_NEWER) as Array<PaymentStatus | "NONE">)("current %s, incoming event newer", (current) => {
    expect(outcomes(current, 60_000)).toBe(WHEN_NEWER[current]);
  });

  it.each(Object.keys(WHEN_OLDER) as Array<PaymentStatus | "NONE">)("current %s, incoming event older (out of order)", (current) => {
    expect(outcomes(current, -60_000)).toBe(WHEN_OLDER[current]);
  });

  it.each([...PAYMENT_STATUSES])("the same %s event again is a DUPLICATE no-op", (status) => {
    const first = event(status, T0, "evt_same");
    const transition = decideTransition(stateAfter(first), first, NOW);
    expect(transition).toEqual({ disposition: "DUPLICATE", previousStatus: status, next: null, kind: null });
  });

  it("same instant: the event id breaks the tie deterministically", () => {
    const state = stateAfter(event("PENDING", T0, "evt_b"));
    expect(decideTransition(state, event("SUCCEEDED", T0, "evt_c"), NOW).disposition).toBe("APPLIED");
    expect(decideTransition(state, event("SUCCEEDED", T0, "evt_a"), NOW).disposition).toBe("STALE");
  });

  it("an applied event bumps the version, keeps the known amount when the event has none, and counts consecutive declines", () => {
    const declined = stateAfter(event("FAILED", T0, "evt_1"));
    expect(declined).toMatchObject({ version: 1, consecutiveDeclines: 1, previousStatus: "NONE", failureCode: "insufficient_funds" });
    const again = decideTransition(declined, { ...event("FAILED", T0 + 1000, "evt_2"), amountMinor: null, currency: "" }, NOW).next;
    expect(again).toMatchObject({ version: 2, consecutiveDeclines: 2, amountMinor: 1000, currency: "USD", previousStatus: "FAILED" });
    const paid = decideTransition(again, event("SUCCEEDED", T0 + 2000, "evt_3"), NOW).next;
    expect(paid).toMatchObject({ version: 3, consecutiveDeclines: 0, failureCode: "", outcomePublishedForEventId: null });
  });
});

describe("ordering safety (property)", () => {
  const eventsArb = fc
    .uniqueArray(
      fc.record({ id: fc.integer({ min: 0, max: 50 }), at: fc.integer({ min: 0, max: 5 }), status: fc.constantFrom(...PAYMENT_STATUSES) }),
      { minLength: 1, maxLength: 8, selector: (e) => e.id },
    )
    .map((items) => items.map((item) => event(item.status, T0 + item.at * 1000, `evt_${String(item.id).padStart(2, "0")}`)));

  function applyAll(events: PaymentEvent[]): PaymentState | null {
    let state: PaymentState | null = null;
    for (const e of events) state = decideTransition(state, e, NOW).next ?? state;
    return state;
  }

  /** Independent oracle: the newest event with a known status, else the newest UNKNOWN one. */
  function newest(events: PaymentEvent[]): PaymentEvent {
    const byAge = [...events].sort((a, b) => a.occurredAtMs - b.occurredAtMs || (a.eventId < b.eventId ? -1 : 1));
    const known = byAge.filter((e) => e.status !== "UNKNOWN");
    return (known.length > 0 ? known : byAge)[(known.length > 0 ? known : byAge).length - 1];
  }

  it("any delivery order, with redeliveries, ends in the state of the newest event", () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.constantFrom(...events), { maxLength: 4 })),
        ),
        ([events, permutation, redeliveries]) => {
          const expected = newest(events);
          const final = applyAll([...permutation, ...redeliveries]);
          expect(final?.lastEventId).toBe(expected.eventId);
          expect(final?.status).toBe(expected.status);
          expect(applyAll(events)?.lastEventId).toBe(expected.eventId);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("applying the event the state reflects, again, never changes anything", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const state = applyAll(events);
        const last = events.find((e) => e.eventId === state?.lastEventId);
        if (!state || !last) return;
        expect(decideTransition(state, last, NOW).next).toBeNull();
      }),
    );
  });
});
