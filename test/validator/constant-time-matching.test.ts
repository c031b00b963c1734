/**
 * "No early exit": the time a verification takes must not depend on which active secret (or
 * which of several sent signatures) matched. Counted at node:crypto, the primitives Node
 * documents for this (`crypto.timingSafeEqual`, `crypto.createHmac`): every expected × received
 * pair is compared, and every secret's HMAC is computed, wherever the match sits.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { headersFrom } from "../../lambda/webhook-validator/core/webhook-request";
import { anySignatureMatches } from "../../lambda/webhook-validator/crypto";
import { checkout, verifyCheckoutSignature } from "../../lambda/webhook-validator/providers/checkout";
import { stripe, verifyStripeSignature } from "../../lambda/webhook-validator/providers/stripe";

// The real primitives, wrapped so the calls can be counted.
jest.mock("node:crypto", () => {
  const actual = jest.requireActual<typeof import("node:crypto")>("node:crypto");
  return { ...actual, createHmac: jest.fn(actual.createHmac), timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

beforeEach(() => jest.clearAllMocks());

describe("anySignatureMatches", () => {
  const expected = ["aaaa", "bbbb", "cccc"];

  it.each([
    ["first expected, first received", ["aaaa", "zzzz"]],
    ["last expected, last received", ["zzzz", "cccc"]],
    ["none", ["zzzz", "yyyy"]],
  ])("compares all 3 × 2 pairs when the match is %s", (_where, received) => {
    anySignatureMatches(expected, received);
    expect(timingSafeEqual).toHaveBeenCalledTimes(expected.length * received.length);
  });

  it("is true exactly when some pair is equal", () => {
    expect(anySignatureMatches(expected, ["zzzz", "bbbb"])).toBe(true);
    expect(anySignatureMatches(expected, ["zzzz", "bbb"])).toBe(false);
    expect(anySignatureMatches([], ["aaaa"])).toBe(false);
    expect(anySignatureMatches(expected, [])).toBe(false);
  });
});

describe("verifiers compute every secret's signature wherever the matching secret sits", () => {
  const body = '{"id":"evt_rotation"}';
  const now = new Date(1_732_000_000_000);
  const current = "current-secret";
  const previous = "previous-secret";

  it.each([
    ["first", [current, previous]],
    ["last", [previous, current]],
  ])("stripe, matching secret %s: one HMAC per secret", (_where, secrets) => {
    const headers = headersFrom(stripe.sign({ body, secret: current, now }).headers);
    jest.clearAllMocks(); // signing above used createHmac too
    verifyStripeSignature({ rawBody: Buffer.from(body), headers, secrets, now, toleranceSeconds: 300 });
    expect(createHmac).toHaveBeenCalledTimes(secrets.length);
  });

  it.each([
    ["first", [current, previous]],
    ["last", [previous, current]],
  ])("checkout, matching secret %s: one HMAC per secret", (_where, secrets) => {
    const headers = headersFrom(checkout.sign({ body, secret: current, now }).headers);
    jest.clearAllMocks();
    verifyCheckoutSignature({ rawBody: Buffer.from(body), headers, secrets });
    expect(createHmac).toHaveBeenCalledTimes(secrets.length);
  });
});
