/**
 * Published vectors, taken from the providers' own SDK tests (each block names its source): our
 * verifiers must accept exactly what the providers' reference implementations produce.
 */
import { createHmac } from "node:crypto";
import { headersFrom } from "../../lambda/webhook-validator/core/webhook-request";
import { hmacSha256 } from "../../lambda/webhook-validator/crypto";
import { adyenSignature, adyenSigningString, verifyAdyenItems } from "../../lambda/webhook-validator/providers/adyen";
import { verifySquareSignature } from "../../lambda/webhook-validator/providers/square";
import { verifyStandardWebhooksSignature } from "../../lambda/webhook-validator/providers/standard-webhooks";
import { verifyStripeSignature } from "../../lambda/webhook-validator/providers/stripe";

describe("Standard Webhooks vector (standard-webhooks SDK tests)", () => {
  const headers = headersFrom({
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  });
  const verify = (secrets: string[], now = new Date(1614265330 * 1000)) =>
    verifyStandardWebhooksSignature({ rawBody: Buffer.from('{"test": 2432232314}'), headers, secrets, now, toleranceSeconds: 300 });

  it("accepts the published signature", () => {
    expect(() => verify(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])).not.toThrow();
  });

  it("accepts the published secret without its whsec_ prefix", () => {
    expect(() => verify(["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])).not.toThrow();
  });

  it("accepts it when the right secret is the second of two (rotation)", () => {
    expect(() => verify(["whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])).not.toThrow();
  });
});

describe("Stripe HMAC core vectors (stripe-node crypto tests)", () => {
  it.each([
    ["", "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd"],
    ['{"obj1":"hello","obj2":"world"}', "bebb1a643997f419b315ddba19e6f5411e1ce7f810ba6d3617ce72823092f363"],
  ])("HMAC-SHA256(test_secret, %j) is the published hex", (payload, expected) => {
    expect(hmacSha256("test_secret", payload).toString("hex")).toBe(expected);
  });

  it("accepts a header built independently with node:crypto as Stripe documents it (t.rawBody)", () => {
    const body = '{"obj1":"hello","obj2":"world"}';
    const t = 1_700_000_000;
    const v1 = createHmac("sha256", "test_secret").update(`${t}.${body}`).digest("hex");
    expect(() =>
      verifyStripeSignature({
        rawBody: Buffer.from(body),
        headers: headersFrom({ "Stripe-Signature": `t=${t},v1=${v1},v0=ignored` }),
        secrets: ["test_secret"],
        now: new Date(t * 1000),
        toleranceSeconds: 300,
      }),
    ).not.toThrow();
  });
});

describe("Adyen vector (Adyen library tests)", () => {
  const hexKey = "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00";
  const item = {
    pspReference: "pspReference",
    originalReference: "originalReference",
    merchantAccountCode: "merchantAccount",
    merchantReference: "reference",
    amount: { value: 1000, currency: "EUR" },
    eventCode: "CAPTURE",
    success: "true",
    additionalData: { hmacSignature: "xhpHvYq2u2Np0rstbZ6QjLGu7JWhvf7Iwaa6EviJSX0=" },
  };

  it("builds the published signing string from the notification fields", () => {
    expect(adyenSigningString(item)).toBe("pspReference:originalReference:merchantAccount:reference:1000:EUR:CAPTURE:true");
  });

  it("computes the published signature", () => {
    expect(adyenSignature(hexKey, "pspReference:originalReference:merchantAccount:reference:1000:EUR:CAPTURE:true")).toBe(
      "xhpHvYq2u2Np0rstbZ6QjLGu7JWhvf7Iwaa6EviJSX0=",
    );
  });

  it("verifies the published item", () => {
    expect(() => verifyAdyenItems({ items: [item], secrets: [hexKey] })).not.toThrow();
  });
});

describe("Square vector (Square SDK tests)", () => {
  const verify = (notificationUrl: string) =>
    verifySquareSignature({
      rawBody: Buffer.from('{"data":{"type":"webhooks","id":"fake_id"}}'),
      headers: headersFrom({ "x-square-hmacsha256-signature": "W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA=" }),
      secrets: ["signature-key"],
      notificationUrl,
    });

  it("accepts the published signature for the published URL", () => {
    expect(() => verify("https://webhook.site/webhooks")).not.toThrow();
  });

  it("rejects it for any other notification URL", () => {
    expect(() => verify("https://webhook.site/webhooks/")).toThrow(expect.objectContaining({ code: "signature_mismatch" }));
  });
});
