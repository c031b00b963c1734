/**
 * Per provider: a generated valid delivery is accepted, and each single mutation of it (body
 * byte, signature header, timestamp, secret, scheme version) is rejected with the precise code.
 */
import { PROVIDERS, type ProviderId } from "../../contract/event-table";
import { coreDeps, requestFor, runCore } from "./support/core-harness";
import { sampleBody, signDelivery, type Delivery, type SignOptions } from "./support/signed-deliveries";
import { TEST_SECRETS } from "./support/test-secrets";

const NOW = 1_732_000_000;
const TIMESTAMPED: ProviderId[] = ["stripe", "standard-webhooks"];
/** Header that carries the signature, per provider (Adyen's is in the body). */
const SIGNATURE_HEADER: Record<ProviderId, string | undefined> = {
  stripe: "Stripe-Signature",
  "standard-webhooks": "webhook-signature",
  adyen: undefined,
  square: "x-square-hmacsha256-signature",
  checkout: "Cko-Signature",
  generic: "x-hub-signature-256",
};

function signed(provider: ProviderId, options: Partial<SignOptions> = {}): Delivery {
  return signDelivery(provider, sampleBody(provider, "evt_mutation_1"), { timestamp: NOW, ...options });
}

async function outcome(provider: ProviderId, delivery: Delivery) {
  return runCore(requestFor(provider, delivery), coreDeps(NOW));
}

/** Flips one character of a hex/base64 signature into another character of the same alphabet. */
function flipChar(value: string, index: number): string {
  const c = value[index];
  const replacement = c === "a" ? "b" : c === "A" ? "B" : c === "0" ? "1" : /[0-9]/.test(c) ? "0" : c === c.toLowerCase() ? "a" : "A";
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

describe.each(PROVIDERS)("%s", (provider) => {
  it("accepts a generated valid delivery", async () => {
    const result = await outcome(provider, signed(provider));
    expect(result).toMatchObject({ ok: true, result: { outcome: "stored", provider } });
  });

  it("accepts a delivery signed with the previous secret (rotation)", async () => {
    const previous = TEST_SECRETS[provider][1];
    expect(await outcome(provider, signed(provider, { secret: previous }))).toMatchObject({ ok: true });
  });

  it("rejects a delivery signed with another secret", async () => {
    const other = provider === "adyen" ? "00112233445566778899AABBCCDDEEFF" : provider === "standard-webhooks" ? "whsec_b3RoZXItc2VjcmV0LWtleS0xMjM0" : "not-the-secret";
    expect(await outcome(provider, signed(provider, { secret: other }))).toMatchObject({ ok: false, code: "signature_mismatch" });
  });

  it("rejects a changed body byte in a signed field", async () => {
    const delivery = signed(provider);
    // Adyen's HMAC covers the listed fields only, so mutate one of them (the amount).
    const mutatedBody = provider === "adyen" ? delivery.body.replace('"value":1000', '"value":1001') : delivery.body.replace(/\d(?=[^\d]*$)/, (d) => String((Number(d) + 1) % 10));
    expect(mutatedBody).not.toBe(delivery.body);
    expect(await outcome(provider, { ...delivery, body: mutatedBody })).toMatchObject({ ok: false, code: "signature_mismatch" });
  });

  it("rejects a changed signature character", async () => {
    const delivery = signed(provider);
    const header = SIGNATURE_HEADER[provider];
    if (header === undefined) {
      const mutated = delivery.body.replace(/"hmacSignature":"(.)/, (_m, c: string) => `"hmacSignature":"${c === "A" ? "B" : "A"}`);
      expect(await outcome(provider, { ...delivery, body: mutated })).toMatchObject({ ok: false, code: "signature_mismatch" });
      return;
    }
    const value = delivery.headers[header];
    const mutated = { ...delivery, headers: { ...delivery.headers, [header]: flipChar(value, value.length - 3) } };
    expect(await outcome(provider, mutated)).toMatchObject({ ok: false, code: "signature_mismatch" });
  });

  it("rejects a delivery without a signature", async () => {
    const delivery = signed(provider);
    const header = SIGNATURE_HEADER[provider];
    const unsigned =
      header === undefined
        ? { ...delivery, body: delivery.body.replace(/"hmacSignature":"[^"]*"/, '"unrelated":"x"') }
        : { ...delivery, headers: Object.fromEntries(Object.entries(delivery.headers).filter(([name]) => name !== header)) };
    expect(await outcome(provider, unsigned)).toMatchObject({ ok: false, code: "missing_signature" });
  });

  if (TIMESTAMPED.includes(provider)) {
    it("rejects a changed timestamp (it is signed)", async () => {
      const delivery = signed(provider);
      const headers =
        provider === "stripe"
          ? { ...delivery.headers, "Stripe-Signature": delivery.headers["Stripe-Signature"].replace(`t=${NOW}`, `t=${NOW + 1}`) }
          : { ...delivery.headers, "webhook-timestamp": String(NOW + 1) };
      expect(await outcome(provider, { ...delivery, headers })).toMatchObject({ ok: false, code: "signature_mismatch" });
    });

    it.each([
      ["301 s old", -301],
      ["301 s in the future", 301],
    ])("rejects a correctly signed timestamp %s", async (_label, offset) => {
      expect(await outcome(provider, signed(provider, { timestamp: NOW + offset }))).toMatchObject({ ok: false, code: "timestamp_out_of_tolerance" });
    });

    it.each([-300, 300])("accepts a timestamp exactly at the tolerance edge (%i s)", async (offset) => {
      expect(await outcome(provider, signed(provider, { timestamp: NOW + offset }))).toMatchObject({ ok: true });
    });

    it("rejects a non-numeric timestamp as malformed", async () => {
      const delivery = signed(provider);
      const headers =
        provider === "stripe"
          ? { ...delivery.headers, "Stripe-Signature": delivery.headers["Stripe-Signature"].replace(`t=${NOW}`, `t=${NOW}x`) }
          : { ...delivery.headers, "webhook-timestamp": `${NOW}x` };
      expect(await outcome(provider, { ...delivery, headers })).toMatchObject({ ok: false, code: "malformed_signature" });
    });
  }

  const otherScheme: Partial<Record<ProviderId, string>> = { stripe: "v0", "standard-webhooks": "v1a", square: "sha1", generic: "sha1=" };
  if (otherScheme[provider] !== undefined) {
    it(`rejects another scheme version (${otherScheme[provider]}) as unsupported`, async () => {
      expect(await outcome(provider, signed(provider, { scheme: otherScheme[provider] }))).toMatchObject({
        ok: false,
        code: "unsupported_signature_scheme",
      });
    });
  }

  it("rejects when the provider has no secret configured (fail closed)", async () => {
    const deps = coreDeps(NOW);
    const secrets = new Map(deps.secrets);
    secrets.delete(provider);
    expect(await runCore(requestFor(provider, signed(provider)), { ...deps, secrets })).toMatchObject({ ok: false, code: "provider_not_configured" });
  });
});

describe("Standard Webhooks under Svix's header names", () => {
  it("accepts svix-id / svix-timestamp / svix-signature, also when detected on POST /webhooks", async () => {
    const delivery = signed("standard-webhooks");
    const svixHeaders = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.replace(/^webhook-/, "svix-"), value]));
    expect(Object.keys(svixHeaders).sort()).toEqual(["svix-id", "svix-signature", "svix-timestamp"]);
    expect(await runCore(requestFor(undefined, { ...delivery, headers: svixHeaders }), coreDeps(NOW))).toMatchObject({
      ok: true,
      result: { provider: "standard-webhooks", outcome: "stored" },
    });
  });
});

describe("Adyen batches", () => {
  const item = (psp: string) => ({
    NotificationRequestItem: {
      amount: { currency: "EUR", value: 500 },
      eventCode: "CAPTURE",
      eventDate: "2024-11-19T08:06:40+01:00",
      merchantAccountCode: "ExampleMerchantECOM",
      merchantReference: "order-1",
      originalReference: "ORIG0001",
      pspReference: psp,
      success: "true",
    },
  });
  const batch = JSON.stringify({ live: "false", notificationItems: [item("PSP0001"), item("PSP0002"), item("PSP0003")] });

  it("stores every item of a fully signed batch", async () => {
    const result = await outcome("adyen", signDelivery("adyen", batch, { timestamp: NOW }));
    expect(result).toMatchObject({ ok: true, result: { outcome: "stored" } });
    expect(result.ok && result.result.events.map((e) => e.eventId)).toEqual(["PSP0001:CAPTURE:true", "PSP0002:CAPTURE:true", "PSP0003:CAPTURE:true"]);
  });

  it("rejects the whole batch when only the last item is forged", async () => {
    const signedBatch = signDelivery("adyen", batch, { timestamp: NOW });
    const parsed = JSON.parse(signedBatch.body);
    parsed.notificationItems[2].NotificationRequestItem.amount.value = 50000;
    const deps = coreDeps(NOW);
    const result = await runCore(requestFor("adyen", { ...signedBatch, body: JSON.stringify(parsed) }), deps);
    expect(result).toMatchObject({ ok: false, code: "signature_mismatch" });
    expect(result.ok === false && result.error.message).toContain("item 2");
  });
});
