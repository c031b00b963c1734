/**
 * Cost of signature verification per scheme, against a bare `crypto.createHmac` (SHA-256 over
 * the same body, hex digest) measured in the same run. Each row verifies a valid delivery of a
 * ~2 KB body N times with two active secrets, as during a rotation. Verification has no early
 * exit (every secret's signature is computed and compared), so where the matching secret sits
 * must not change the cost: the "matching secret first" row checks that against the plain
 * "stripe" row, where it is last. Run: `npm run bench -- [N]`.
 */
import { createHmac } from "node:crypto";
import { parseProviderSettings } from "../contract/provider-settings";
import { headersFrom } from "../lambda/webhook-validator/core/webhook-request";
import { adyen, adyenNotificationItems, verifyAdyenItems } from "../lambda/webhook-validator/providers/adyen";
import { checkout, verifyCheckoutSignature } from "../lambda/webhook-validator/providers/checkout";
import { generic, verifyGenericHmacSignature } from "../lambda/webhook-validator/providers/generic";
import { square, verifySquareSignature } from "../lambda/webhook-validator/providers/square";
import { standardWebhooks, verifyStandardWebhooksSignature } from "../lambda/webhook-validator/providers/standard-webhooks";
import { stripe, verifyStripeSignature } from "../lambda/webhook-validator/providers/stripe";

const N = Number(process.argv[2] ?? 20_000);
const ROUNDS = 5;
const NOW = 1_732_000_000;
const now = new Date(NOW * 1000);
const body = Buffer.from(JSON.stringify({ id: "evt_bench", type: "payment_intent.succeeded", created: NOW, data: { object: { description: "x".repeat(1900) } } }));
const secret = "whsec_bench_secret_0123456789abcdef";
const oldSecret = "whsec_bench_previous_fedcba9876543210";
const swSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const swOld = "whsec_cHJldmlvdXMtdGVzdC1rZXktZm9yLXJvdGF0aW9u";
const hexKey = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
const hexOld = "0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9";
const url = "https://hooks.example.test/prod/webhooks/square";
const settings = parseProviderSettings({ generic: { signatureHeader: "x-hub-signature-256", prefix: "sha256=" } }, "bench");

const stripeHeaders = headersFrom(stripe.sign({ body, secret, now }).headers);
const swHeaders = headersFrom(standardWebhooks.sign({ body, secret: swSecret, now, messageId: "msg_bench" }).headers);
const adyenNotification = JSON.stringify({
  live: "false",
  notificationItems: [
    {
      NotificationRequestItem: { pspReference: "8816178952380553", merchantAccountCode: "BenchMerchant", merchantReference: "order-1", amount: { value: 1000, currency: "EUR" }, eventCode: "AUTHORISATION", success: "true" },
    },
  ],
});
const adyenItems = adyenNotificationItems(JSON.parse(adyen.sign({ body: adyenNotification, secret: hexKey, now }).body));
const squareHeaders = headersFrom(square.sign({ body, secret, now, notificationUrl: url }).headers);
const checkoutHeaders = headersFrom(checkout.sign({ body, secret, now }).headers);
const genericHeaders = headersFrom(generic.sign({ body, secret, now, settings }).headers);

const cases: Array<[string, () => void]> = [
  ["baseline: createHmac(sha256).update(body).digest(hex)", () => void createHmac("sha256", secret).update(body).digest("hex")],
  ["stripe, one secret (1 HMAC, like the baseline)", () => verifyStripeSignature({ rawBody: body, headers: stripeHeaders, secrets: [secret], now, toleranceSeconds: 300 })],
  ["stripe", () => verifyStripeSignature({ rawBody: body, headers: stripeHeaders, secrets: [oldSecret, secret], now, toleranceSeconds: 300 })],
  ["stripe, matching secret first", () => verifyStripeSignature({ rawBody: body, headers: stripeHeaders, secrets: [secret, oldSecret], now, toleranceSeconds: 300 })],
  ["standard-webhooks", () => verifyStandardWebhooksSignature({ rawBody: body, headers: swHeaders, secrets: [swOld, swSecret], now, toleranceSeconds: 300 })],
  ["adyen (1 item; signs fields, not the body)", () => verifyAdyenItems({ items: adyenItems, secrets: [hexOld, hexKey] })],
  ["square", () => verifySquareSignature({ rawBody: body, headers: squareHeaders, secrets: [oldSecret, secret], notificationUrl: url })],
  ["checkout", () => verifyCheckoutSignature({ rawBody: body, headers: checkoutHeaders, secrets: [oldSecret, secret] })],
  ["generic (hex, sha256= prefix)", () => verifyGenericHmacSignature({ rawBody: body, headers: genericHeaders, secrets: [oldSecret, secret], settings: settings.generic })],
];

function nanosPerOp(run: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1) run();
  return Number(process.hrtime.bigint() - start) / N;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Warm up every case (JIT, crypto init) before measuring; rounds interleave cases so drift hits all alike.
for (const [, run] of cases) for (let i = 0; i < 2_000; i += 1) run();
const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, run] of cases) samples.get(name)!.push(nanosPerOp(run));
}

const baseline = median(samples.get(cases[0][0])!);
console.log(`Signature verification: body ${body.length} bytes, N=${N} per round, median of ${ROUNDS} rounds, Node ${process.version}`);
console.log("(unless noted, verifiers hold two secrets, the matching one last; every secret is tried: ~2 HMACs per call vs 1 in the baseline)\n");
const rows = cases.map(([name]) => {
  const ns = median(samples.get(name)!);
  return { case: name, "µs/op": (ns / 1000).toFixed(2), "ops/s": Math.round(1e9 / ns).toLocaleString("en-US"), "× baseline": (ns / baseline).toFixed(2) };
});
console.table(rows);
