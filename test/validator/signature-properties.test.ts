/**
 * Property tests (fast-check) over the verifiers:
 * - each provider module's `sign` agrees with the independent reference signers and verifies;
 * - ≥ 10,000 random single mutations of correctly signed deliveries are all rejected.
 */
import fc from "fast-check";
import type { ProviderId } from "../../contract/event-table";
import { DEFAULT_PROVIDER_SETTINGS, type GenericHmacSettings } from "../../contract/provider-settings";
import { headersFrom } from "../../lambda/webhook-validator/core/webhook-request";
import { AuthenticationError } from "../../lambda/webhook-validator/errors";
import { adyen, adyenNotificationItems, verifyAdyenItems, type AdyenItem } from "../../lambda/webhook-validator/providers/adyen";
import { checkout, verifyCheckoutSignature } from "../../lambda/webhook-validator/providers/checkout";
import { generic, verifyGenericHmacSignature } from "../../lambda/webhook-validator/providers/generic";
import { square, verifySquareSignature } from "../../lambda/webhook-validator/providers/square";
import { standardWebhooks, verifyStandardWebhooksSignature } from "../../lambda/webhook-validator/providers/standard-webhooks";
import { stripe, verifyStripeSignature } from "../../lambda/webhook-validator/providers/stripe";
import { referenceSign } from "./support/reference-signers";

const TOLERANCE = 300;
const URL = "https://hooks.example.test/prod/webhooks/square";

const body = fc.uint8Array({ minLength: 0, maxLength: 512 }).map((bytes) => Buffer.from(bytes));
const secret = fc.string({ minLength: 1, maxLength: 64, unit: "grapheme-ascii" });
const base64Secret = fc.uint8Array({ minLength: 16, maxLength: 48 }).map((bytes) => `whsec_${Buffer.from(bytes).toString("base64")}`);
const hexKey = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("hex").toUpperCase());
const timestamp = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
const messageId = fc.stringMatching(/^msg_[A-Za-z0-9]{1,32}$/);
const genericSettings: fc.Arbitrary<GenericHmacSettings> = fc.record({
  signatureHeader: fc.constantFrom("x-signature", "x-hub-signature-256", "x-webhook-signature"),
  encoding: fc.constantFrom("hex" as const, "base64" as const),
  prefix: fc.constantFrom("", "sha256=", "v1="),
});
const adyenField = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 24, unit: "grapheme-ascii" }).filter((s) => !s.includes(":")));
const adyenItem: fc.Arbitrary<AdyenItem> = fc.record({
  pspReference: fc.stringMatching(/^[A-Z0-9]{16}$/),
  originalReference: adyenField,
  merchantAccountCode: adyenField,
  merchantReference: adyenField,
  amount: fc.record({ value: fc.nat({ max: 10_000_000 }), currency: fc.constantFrom("EUR", "USD", "JPY") }),
  eventCode: fc.constantFrom("AUTHORISATION", "CAPTURE", "REFUND"),
  success: fc.constantFrom("true", "false"),
});

const at = (seconds: number) => new Date(seconds * 1000);

/** Adyen signs inside the body: the items of a notification signed by the module's `sign`. */
function signedAdyenItems(items: readonly AdyenItem[], key: string): AdyenItem[] {
  const notification = JSON.stringify({ live: "false", notificationItems: items.map((item) => ({ NotificationRequestItem: item })) });
  return adyenNotificationItems(JSON.parse(adyen.sign({ body: notification, secret: key, now: new Date() }).body));
}

describe("sign → verify round-trips, and helpers agree with the reference signers", () => {
  it("stripe", () => {
    fc.assert(
      fc.property(body, secret, timestamp, (payload, key, t) => {
        const signed = stripe.sign({ body: payload, secret: key, now: at(t) });
        expect(signed.body).toBe(payload);
        expect(signed.headers["stripe-signature"]).toBe(referenceSign.stripe(payload, key, t));
        verifyStripeSignature({ rawBody: payload, headers: headersFrom(signed.headers), secrets: [key], now: at(t), toleranceSeconds: TOLERANCE });
      }),
    );
  });

  it("standard webhooks", () => {
    fc.assert(
      fc.property(body, base64Secret, messageId, timestamp, (payload, key, id, t) => {
        const { headers } = standardWebhooks.sign({ body: payload, secret: key, now: at(t), messageId: id });
        expect(headers["webhook-signature"]).toBe(referenceSign.standardWebhooks(payload, key, id, t));
        verifyStandardWebhooksSignature({ rawBody: payload, headers: headersFrom(headers), secrets: [key], now: at(t), toleranceSeconds: TOLERANCE });
      }),
    );
  });

  it("adyen", () => {
    fc.assert(
      fc.property(fc.array(adyenItem, { minLength: 1, maxLength: 4 }), hexKey, (items, key) => {
        const fromText = signedAdyenItems(items, key);
        for (const item of fromText) {
          const a = item.amount as { value: number; currency: string };
          const field = (name: string) => (item[name] === undefined ? "" : String(item[name]));
          const reference = referenceSign.adyen(
            {
              psp: field("pspReference"),
              original: field("originalReference"),
              merchant: field("merchantAccountCode"),
              reference: field("merchantReference"),
              value: String(a.value),
              currency: a.currency,
              eventCode: field("eventCode"),
              success: field("success"),
            },
            key,
          );
          expect((item.additionalData as { hmacSignature: string }).hmacSignature).toBe(reference);
        }
        verifyAdyenItems({ items: fromText, secrets: [key] });
      }),
    );
  });

  it("square", () => {
    fc.assert(
      fc.property(body, secret, (payload, key) => {
        const { headers } = square.sign({ body: payload, secret: key, now: new Date(), notificationUrl: URL });
        expect(headers["x-square-hmacsha256-signature"]).toBe(referenceSign.square(payload, key, URL));
        verifySquareSignature({ rawBody: payload, headers: headersFrom(headers), secrets: [key], notificationUrl: URL });
      }),
    );
  });

  it("checkout", () => {
    fc.assert(
      fc.property(body, secret, (payload, key) => {
        const { headers } = checkout.sign({ body: payload, secret: key, now: new Date() });
        expect(headers["cko-signature"]).toBe(referenceSign.checkout(payload, key));
        verifyCheckoutSignature({ rawBody: payload, headers: headersFrom(headers), secrets: [key] });
      }),
    );
  });

  it("generic", () => {
    fc.assert(
      fc.property(body, secret, genericSettings, (payload, key, settings) => {
        const { headers } = generic.sign({ body: payload, secret: key, now: new Date(), settings: { ...DEFAULT_PROVIDER_SETTINGS, generic: settings } });
        expect(headers[settings.signatureHeader]).toBe(settings.prefix + referenceSign.generic(payload, key, settings.encoding));
        verifyGenericHmacSignature({ rawBody: payload, headers: headersFrom(headers), secrets: [key], settings });
      }),
    );
  });
});

/**
 * A signed delivery reduced to what a verifier sees, plus a verify function bound to the
 * signing secret and clock. Mutations operate on this shape.
 */
interface SignedCase {
  provider: ProviderId;
  rawBody: Buffer;
  headers: Record<string, string>;
  verify(rawBody: Buffer, headers: Record<string, string>, secret?: string): void;
  secret: string;
}

const signedCase: fc.Arbitrary<SignedCase> = fc.oneof(
  fc.tuple(body, secret, timestamp).map(([rawBody, key, t]) => ({
    provider: "stripe" as const,
    rawBody,
    secret: key,
    headers: { "stripe-signature": referenceSign.stripe(rawBody, key, t) },
    verify: (b: Buffer, h: Record<string, string>, s = key) =>
      verifyStripeSignature({ rawBody: b, headers: headersFrom(h), secrets: [s], now: at(t), toleranceSeconds: TOLERANCE }),
  })),
  fc.tuple(body, base64Secret, messageId, timestamp).map(([rawBody, key, id, t]) => ({
    provider: "standard-webhooks" as const,
    rawBody,
    secret: key,
    headers: { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": referenceSign.standardWebhooks(rawBody, key, id, t) },
    verify: (b: Buffer, h: Record<string, string>, s = key) =>
      verifyStandardWebhooksSignature({ rawBody: b, headers: headersFrom(h), secrets: [s], now: at(t), toleranceSeconds: TOLERANCE }),
  })),
  fc.tuple(body, secret).map(([rawBody, key]) => ({
    provider: "square" as const,
    rawBody,
    secret: key,
    headers: { "x-square-hmacsha256-signature": referenceSign.square(rawBody, key, URL) },
    verify: (b: Buffer, h: Record<string, string>, s = key) => verifySquareSignature({ rawBody: b, headers: headersFrom(h), secrets: [s], notificationUrl: URL }),
  })),
  fc.tuple(body, secret).map(([rawBody, key]) => ({
    provider: "checkout" as const,
    rawBody,
    secret: key,
    headers: { "cko-signature": referenceSign.checkout(rawBody, key) },
    verify: (b: Buffer, h: Record<string, string>, s = key) => verifyCheckoutSignature({ rawBody: b, headers: headersFrom(h), secrets: [s] }),
  })),
  fc.tuple(body, secret, genericSettings).map(([rawBody, key, settings]) => ({
    provider: "generic" as const,
    rawBody,
    secret: key,
    headers: { [settings.signatureHeader]: settings.prefix + referenceSign.generic(rawBody, key, settings.encoding) },
    verify: (b: Buffer, h: Record<string, string>, s = key) => verifyGenericHmacSignature({ rawBody: b, headers: headersFrom(h), secrets: [s], settings }),
  })),
);

type Mutation =
  | { kind: "flip-body-bit"; position: number; bit: number }
  | { kind: "append-body-byte"; byte: number }
  | { kind: "truncate-body" }
  | { kind: "change-header-char"; header: number; position: number; replacement: string }
  | { kind: "drop-header"; header: number }
  | { kind: "other-secret"; suffix: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip-body-bit" as const), position: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("append-body-byte" as const), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.constant({ kind: "truncate-body" as const }),
  fc.record({ kind: fc.constant("change-header-char" as const), header: fc.nat(), position: fc.nat(), replacement: fc.string({ minLength: 1, maxLength: 1, unit: "grapheme-ascii" }) }),
  fc.record({ kind: fc.constant("drop-header" as const), header: fc.nat() }),
  fc.record({ kind: fc.constant("other-secret" as const), suffix: fc.string({ minLength: 1, maxLength: 4, unit: "grapheme-ascii" }) }),
);

/** Applies the mutation; returns undefined when it cannot change this case (e.g. truncating an empty body). */
function mutate(signed: SignedCase, m: Mutation): { rawBody: Buffer; headers: Record<string, string>; secret: string } | undefined {
  const { rawBody, headers, secret: key } = signed;
  const names = Object.keys(headers);
  switch (m.kind) {
    case "flip-body-bit": {
      if (rawBody.length === 0) return undefined;
      const copy = Buffer.from(rawBody);
      copy[m.position % copy.length] ^= 1 << m.bit;
      return { rawBody: copy, headers, secret: key };
    }
    case "append-body-byte":
      return { rawBody: Buffer.concat([rawBody, Buffer.from([m.byte])]), headers, secret: key };
    case "truncate-body":
      return rawBody.length === 0 ? undefined : { rawBody: rawBody.subarray(0, rawBody.length - 1), headers, secret: key };
    case "change-header-char": {
      const name = names[m.header % names.length];
      const value = headers[name];
      const position = m.position % value.length;
      if (value[position] === m.replacement) return undefined;
      return { rawBody, headers: { ...headers, [name]: value.slice(0, position) + m.replacement + value.slice(position + 1) }, secret: key };
    }
    case "drop-header": {
      const name = names[m.header % names.length];
      return { rawBody, headers: Object.fromEntries(Object.entries(headers).filter(([n]) => n !== name)), secret: key };
    }
    case "other-secret": {
      // Standard Webhooks keys are base64: a different key must still decode, so replace its bytes.
      const other = signed.provider === "standard-webhooks" ? `whsec_${Buffer.from(`${key}${m.suffix}`).toString("base64")}` : key + m.suffix;
      return { rawBody, headers, secret: other };
    }
  }
}

describe("random single mutations of signed deliveries", () => {
  it("≥ 10,000 mutations, every one rejected with an AuthenticationError", () => {
    let applied = 0;
    fc.assert(
      fc.property(signedCase, mutation, (signed, m) => {
        signed.verify(signed.rawBody, signed.headers); // the unmutated delivery verifies
        const mutated = mutate(signed, m);
        if (mutated === undefined) return;
        applied += 1;
        let error: unknown;
        try {
          signed.verify(mutated.rawBody, mutated.headers, mutated.secret);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(AuthenticationError);
      }),
      { numRuns: 11_000 },
    );
    expect(applied).toBeGreaterThanOrEqual(10_000);
  });

  it("Adyen: any change to a signed field or the signature of any batch item rejects the batch", () => {
    const signedFields = ["pspReference", "originalReference", "merchantAccountCode", "merchantReference", "eventCode", "success"] as const;
    fc.assert(
      fc.property(
        fc.array(adyenItem, { minLength: 1, maxLength: 4 }),
        hexKey,
        fc.nat(),
        fc.oneof(fc.constantFrom(...signedFields), fc.constantFrom("amount.value", "amount.currency", "hmacSignature")),
        (items, key, index, field) => {
          const batch = signedAdyenItems(items, key);
          const target = { ...batch[index % batch.length] };
          if (field === "amount.value") target.amount = { ...(target.amount as object), value: ((target.amount as { value: number }).value + 1) };
          else if (field === "amount.currency") target.amount = { ...(target.amount as object), currency: "GBP" };
          else if (field === "hmacSignature") {
            const signature = (target.additionalData as { hmacSignature: string }).hmacSignature;
            target.additionalData = { hmacSignature: (signature[0] === "A" ? "B" : "A") + signature.slice(1) };
          } else target[field] = `${String(target[field] ?? "")}x`;
          const mutatedBatch = batch.map((item, i) => (i === index % batch.length ? target : item));
          expect(() => verifyAdyenItems({ items: mutatedBatch, secrets: [key] })).toThrow(AuthenticationError);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
