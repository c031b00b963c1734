/**
 * Cold-start configuration: the real entry point refuses to load with a missing or invalid
 * variable and names it, without ever echoing a secret.
 */
import { parseProviderSettings } from "../../contract/provider-settings";
import { parseSigningSecrets } from "../../contract/signing-secrets";
import { coreDeps, requestFor, runCore } from "./support/core-harness";
import { loadHandler } from "./support/load-handler";
import { sampleBody, signDelivery } from "./support/signed-deliveries";
import { TEST_NOTIFICATION_URL, TEST_SECRETS, validatorEnvironment } from "./support/test-secrets";

const baseEnv = validatorEnvironment("http://127.0.0.1:1", "payment-events-test");

describe("the entry point at cold start", () => {
  it("loads with the full environment", () => {
    expect(typeof loadHandler(baseEnv)).toBe("function");
  });

  it.each(["EVENTS_TABLE_NAME", "WEBHOOK_SIGNING_SECRETS", "EVENT_RETENTION_DAYS"])("throws naming %s when it is missing", (name) => {
    // The isolated module registry has its own ConfigurationError class: compare name and message.
    expect(() => loadHandler({ ...baseEnv, [name]: undefined })).toThrow(
      expect.objectContaining({ name: "ConfigurationError", message: `Environment variable ${name} is required but not set.` }),
    );
  });

  it("runs without WEBHOOK_PROVIDER_SETTINGS (every setting has a default)", () => {
    expect(typeof loadHandler({ ...baseEnv, WEBHOOK_PROVIDER_SETTINGS: undefined })).toBe("function");
  });

  it("names WEBHOOK_SIGNING_SECRETS when it is not JSON, without echoing its text", () => {
    const broken = '{"stripe": ["whsec_super_secret_value"';
    let error: Error | undefined;
    try {
      loadHandler({ ...baseEnv, WEBHOOK_SIGNING_SECRETS: broken });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toBe("Environment variable WEBHOOK_SIGNING_SECRETS must be valid JSON.");
  });

  it.each(["0", "-3", "30 days", "1.5"])("rejects EVENT_RETENTION_DAYS=%j", (value) => {
    expect(() => loadHandler({ ...baseEnv, EVENT_RETENTION_DAYS: value })).toThrow(/EVENT_RETENTION_DAYS must be a positive integer/);
  });
});

describe("WEBHOOK_SIGNING_SECRETS", () => {
  const parse = (value: unknown) => () => parseSigningSecrets(value, "WEBHOOK_SIGNING_SECRETS");

  it.each([
    [["a"], "WEBHOOK_SIGNING_SECRETS must be a JSON object mapping provider to an array of secrets."],
    [{ paypal: ["x"] }, "WEBHOOK_SIGNING_SECRETS: paypal is not a known provider"],
    [{ stripe: "whsec_single" }, "WEBHOOK_SIGNING_SECRETS: stripe must be an array of secrets."],
    [{ stripe: ["ok", ""] }, "WEBHOOK_SIGNING_SECRETS: stripe[1] must be a non-empty string."],
    [{ adyen: ["not-hex-secret-value"] }, "WEBHOOK_SIGNING_SECRETS: adyen[0] must be a hex-encoded HMAC key"],
    [{ "standard-webhooks": ["whsec_***not base64***"] }, "WEBHOOK_SIGNING_SECRETS: standard-webhooks[0] must be a base64 key"],
  ])("%j → %s", (value, message) => {
    expect(parse(value)).toThrow(message);
  });

  it("never echoes a rejected secret", () => {
    expect(parse({ adyen: ["not-hex-secret-value"] })).toThrow(expect.objectContaining({ message: expect.not.stringContaining("not-hex-secret-value") }));
  });

  it("keeps every secret per provider, in order, and drops empty lists (fail closed later)", () => {
    const secrets = parseSigningSecrets({ stripe: ["new", "old"], checkout: [] }, "WEBHOOK_SIGNING_SECRETS");
    expect(secrets.get("stripe")).toEqual(["new", "old"]);
    expect(secrets.has("checkout")).toBe(false);
  });
});

describe("WEBHOOK_PROVIDER_SETTINGS", () => {
  const parse = (value: unknown) => () => parseProviderSettings(value, "WEBHOOK_PROVIDER_SETTINGS");

  it.each([
    [{ paypal: {} }, "WEBHOOK_PROVIDER_SETTINGS: paypal is not a known provider"],
    [{ stripe: { tolerance: 60 } }, "WEBHOOK_PROVIDER_SETTINGS: stripe.tolerance is not a known setting (allowed: toleranceSeconds)"],
    [{ stripe: { toleranceSeconds: 0 } }, "WEBHOOK_PROVIDER_SETTINGS: stripe.toleranceSeconds must be an integer between 1 and 3600."],
    [{ square: { notificationUrl: "hooks.example.test/x" } }, "WEBHOOK_PROVIDER_SETTINGS: square.notificationUrl must be the absolute http(s) URL"],
    [{ generic: { encoding: "base32" } }, 'WEBHOOK_PROVIDER_SETTINGS: generic.encoding must be "hex" or "base64".'],
    [{ generic: { signatureHeader: "x sig" } }, "WEBHOOK_PROVIDER_SETTINGS: generic.signatureHeader must be an HTTP header name"],
    [{ adyen: { hmacKey: "x" } }, "WEBHOOK_PROVIDER_SETTINGS: adyen.hmacKey is not a known setting (allowed: none)"],
    [{ generic: { signatureHeader: "Stripe-Signature" } }, "WEBHOOK_PROVIDER_SETTINGS: generic.signatureHeader must not be another provider's signature header"],
  ])("%j → %s", (value, message) => {
    expect(parse(value)).toThrow(message);
  });

  it("applies documented defaults and lower-cases the generic header name", () => {
    expect(parseProviderSettings({ generic: { signatureHeader: "X-Hub-Signature-256", prefix: "sha256=" } }, "V")).toEqual({
      stripe: { toleranceSeconds: 300 },
      "standard-webhooks": { toleranceSeconds: 300 },
      square: { notificationUrl: undefined },
      generic: { signatureHeader: "x-hub-signature-256", encoding: "hex", prefix: "sha256=" },
    });
  });

  it("accepts toleranceSeconds as a digit string (how Pulumi config may store it)", () => {
    expect(parseProviderSettings({ "standard-webhooks": { toleranceSeconds: "120" } }, "V")["standard-webhooks"].toleranceSeconds).toBe(120);
  });

  it("honours a custom replay window", async () => {
    const now = 1_732_000_000;
    const settings = parseProviderSettings({ stripe: { toleranceSeconds: 60 } }, "V");
    const delivery = signDelivery("stripe", sampleBody("stripe", "evt_window"), { timestamp: now - 61 });
    expect(await runCore(requestFor("stripe", delivery), coreDeps(now, { settings }))).toMatchObject({ ok: false, code: "timestamp_out_of_tolerance" });
  });
});

describe("Square without a configured notification URL", () => {
  const now = 1_732_000_000;
  const settings = parseProviderSettings({}, "V");
  const delivery = signDelivery("square", sampleBody("square", "sq-fallback-1"), { timestamp: now });

  it("verifies against the URL API Gateway reports, and warns", async () => {
    const warnings: string[] = [];
    const log = { warn: (message: string) => warnings.push(message) };
    const result = await runCore(requestFor("square", delivery, { reportedUrl: TEST_NOTIFICATION_URL }), coreDeps(now, { settings, log }));
    expect(result).toMatchObject({ ok: true });
    expect(warnings).toEqual([expect.stringContaining("square.notificationUrl not configured")]);
  });

  it("rejects when the reported URL differs from the one Square signed", async () => {
    const result = await runCore(requestFor("square", delivery, { reportedUrl: "https://abc.execute-api.us-east-1.amazonaws.com/prod/webhooks/square" }), coreDeps(now, { settings }));
    expect(result).toMatchObject({ ok: false, code: "signature_mismatch" });
  });

  it("fails closed when no URL is known at all", async () => {
    const result = await runCore(requestFor("square", delivery, { reportedUrl: undefined }), coreDeps(now, { settings }));
    expect(result).toMatchObject({ ok: false, code: "provider_not_configured" });
  });
});

it("test secrets are distinct per provider (a mix-up would hide bugs)", () => {
  const all = Object.values(TEST_SECRETS).flat();
  expect(new Set(all).size).toBe(all.length);
});
