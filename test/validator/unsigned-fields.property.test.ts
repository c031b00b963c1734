/**
 * A property per provider: take a valid SDK-signed delivery, store it, then redeliver it with any
 * part the signature does not cover changed (every unsigned header and body field the provider
 * allows) → the answer is "duplicate" or a 4xx, never a second stored event (so never a second
 * execution, never a state change).
 */
import fc from "fast-check";
import type { ProviderId } from "../../contract/event-table";
import { coreDeps, InMemoryEventStore, requestFor, runCore } from "./support/core-harness";
import { sampleBody } from "./support/signed-deliveries";
import { sdkSignFor, type SdkDelivery } from "./support/sdk-signers";

const NOW = 1_732_000_100;

function signed(provider: ProviderId, body: string, atSeconds = NOW): SdkDelivery {
  return sdkSignFor(provider, body, { atSeconds, messageId: "msg_unsigned_1" });
}

const headerName = fc.stringMatching(/^x-[a-z][a-z0-9-]{0,15}$/);
const headerValue = fc.string({ maxLength: 40 }).filter((value) => !/[\r\n]/.test(value));

/** Unsigned changes a replayer can make, per provider (the modules' `identity.unsigned`). */
function unsignedChange(provider: ProviderId): fc.Arbitrary<(delivery: SdkDelivery) => SdkDelivery> {
  const extraHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 4 }).map((extra) => (d: SdkDelivery) => ({ ...d, headers: { ...extra, ...d.headers } }));
  const resignedLater = fc.integer({ min: 1, max: 290 }).map((later) => (d: SdkDelivery) => signed(provider, d.body, NOW - 290 + later));
  switch (provider) {
    case "stripe":
      return fc.oneof(
        extraHeaders,
        resignedLater,
        fc.constantFrom("v0=deadbeef", "v2=abc", "x=1").map((entry) => (d: SdkDelivery) => ({ ...d, headers: { ...d.headers, "Stripe-Signature": `${d.headers["Stripe-Signature"]},${entry}` } })),
      );
    case "standard-webhooks":
      return fc.oneof(
        extraHeaders,
        resignedLater,
        fc.constantFrom("v1a,AAAA", "v2,BBBB").map((entry) => (d: SdkDelivery) => ({ ...d, headers: { ...d.headers, "webhook-signature": `${d.headers["webhook-signature"]} ${entry}` } })),
      );
    case "adyen":
      return fc.oneof(
        extraHeaders,
        fc
          .record({
            eventDate: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
            reason: fc.string({ maxLength: 30 }),
            live: fc.constantFrom("true", "false"),
            extra: fc.dictionary(fc.stringMatching(/^[a-z]{1,10}$/), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
            operations: fc.array(fc.constantFrom("CAPTURE", "REFUND", "CANCEL"), { maxLength: 3 }),
          })
          .map((change) => (d: SdkDelivery) => {
            const n = JSON.parse(d.body) as { live: string; notificationItems: Array<{ NotificationRequestItem: Record<string, unknown> & { additionalData: Record<string, unknown> } }> };
            n.live = change.live;
            const item = n.notificationItems[0]!.NotificationRequestItem;
            item.eventDate = change.eventDate.toISOString();
            item.reason = change.reason;
            item.operations = change.operations;
            item.additionalData = { ...change.extra, hmacSignature: item.additionalData.hmacSignature };
            return { ...d, body: JSON.stringify(n) };
          }),
      );
    default:
      return extraHeaders;
  }
}

describe.each<ProviderId>(["stripe", "standard-webhooks", "adyen", "square", "checkout", "generic"])("%s: a redelivery with unsigned parts changed", (provider) => {
  it("is a duplicate or a 4xx, never a second stored event", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(unsignedChange(provider), { minLength: 1, maxLength: 3 }), async (changes) => {
        const store = new InMemoryEventStore();
        const deps = coreDeps(NOW, { store });
        const original = signed(provider, sampleBody(provider, provider === "adyen" ? "8816178952380553" : "evt_unsigned_1"));
        const first = await runCore(requestFor(provider, original), deps);
        expect(first.ok && first.result.outcome).toBe("stored");
        const replayed = changes.reduce((delivery, change) => change(delivery), structuredClone(original));
        const replay = await runCore(requestFor(provider, replayed), deps);
        if (replay.ok) expect(replay.result.outcome).toBe("duplicate");
        else expect(["timestamp_out_of_tolerance", "signature_mismatch", "invalid_field", "missing_field"]).toContain(replay.code);
        expect(store.items.size).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});
