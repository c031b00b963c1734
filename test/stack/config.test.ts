/**
 * lib/config.ts (and the rules in lib/config-rules.ts) without the Pulumi engine: defaults, every key's rejection naming the full key,
 * secrets refused in plain text and never echoed, and Pulumi.yaml's defaults matching the code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_DEFAULTS, loadStackConfig, parseStackConfig, type ConfigSource, type StackConfig } from "../../lib/config";

// js-yaml is a devDependency (the policy gate reads stack files with it); no typings of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require("js-yaml") as { load(text: string): unknown };

function source(values: Record<string, string>, secretKeys: string[] = []): ConfigSource {
  return { get: (key) => values[key], isSecret: (key) => secretKeys.includes(key) };
}

const parse = (values: Record<string, string>, secretKeys: string[] = []): StackConfig =>
  parseStackConfig(source({ environmentSuffix: "dev", ...values }, secretKeys));

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolvePromise) => output.apply((value) => resolvePromise(value)));
}

describe("defaults", () => {
  const config = parse({});

  it("needs only environmentSuffix", () => {
    expect(config.environmentSuffix).toBe("dev");
    expect(config.lambdaRuntime).toBe("nodejs22.x");
    expect(config.validator).toEqual({ reservedConcurrency: 10, memorySize: 256, timeoutSeconds: 10 });
    expect(config.processor).toEqual({ reservedConcurrency: 5, memorySize: 256, timeoutSeconds: 30 });
    expect(config.processorTaskTimeoutSeconds).toBe(40);
    expect(config.logLevel).toBe("INFO");
    expect(config.logRetentionDays).toBe(30);
    expect(config.eventRetentionDays).toBe(90);
    expect(config.workflowType).toBe("STANDARD");
    expect(config.retry).toEqual({ intervalSeconds: 2, backoffRate: 2, maxAttempts: 6, maxDelaySeconds: 300 });
    expect(config.apiThrottling).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(config.manageApiGatewayAccount).toBe(false);
    expect(config.alarmEmail).toBeUndefined();
    expect(config.providerSettingsJson).toBe("{}");
  });

  it("without signing secrets still hands the validator a secret (empty: it rejects every request)", async () => {
    expect(pulumi.Output.isInstance(config.signingSecretsJson)).toBe(true);
    expect(await pulumi.isSecret(config.signingSecretsJson)).toBe(true);
    expect(await resolve(config.signingSecretsJson)).toBe("{}");
  });

  it("match Pulumi.yaml's typed config section key by key", () => {
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "../../Pulumi.yaml"), "utf8")) as {
      name: string;
      config: Record<string, { type: string; default?: unknown; description?: string }>;
    };
    expect(project.name).toBe("payment-webhooks");
    const declared = project.config;
    for (const [key, value] of Object.entries(CONFIG_DEFAULTS)) {
      expect({ key, default: String(declared[key]?.default) }).toEqual({ key, default: String(value) });
    }
    expect(declared.environmentSuffix).toMatchObject({ type: "string" });
    expect(declared.environmentSuffix.default).toBeUndefined();
    for (const [key, declaration] of Object.entries(declared)) {
      expect({ key, hasDescription: typeof declaration.description === "string" && declaration.description.length > 10 }).toEqual({ key, hasDescription: true });
    }
  });
});

describe("accepted values", () => {
  it("reads every key", () => {
    const config = parse({
      lambdaRuntime: "nodejs24.x",
      validatorReservedConcurrency: "50",
      validatorMemorySize: "512",
      validatorTimeoutSeconds: "29",
      processorReservedConcurrency: "20",
      processorMemorySize: "1024",
      processorTimeoutSeconds: "120",
      logLevel: "DEBUG",
      logRetentionDays: "365",
      eventRetentionDays: "30",
      workflowType: "EXPRESS",
      retryIntervalSeconds: "1",
      retryBackoffRate: "2.5",
      retryMaxAttempts: "3",
      retryMaxDelaySeconds: "20",
      apiThrottlingRateLimit: "500",
      apiThrottlingBurstLimit: "1000",
      manageApiGatewayAccount: "true",
      alarmEmail: "oncall@example.com",
      providerSettings: JSON.stringify({ square: { notificationUrl: "https://example.com/webhooks/square" } }),
    });
    expect(config).toMatchObject({
      lambdaRuntime: "nodejs24.x",
      validator: { reservedConcurrency: 50, memorySize: 512, timeoutSeconds: 29 },
      processor: { reservedConcurrency: 20, memorySize: 1024, timeoutSeconds: 120 },
      processorTaskTimeoutSeconds: 130,
      logLevel: "DEBUG",
      logRetentionDays: 365,
      eventRetentionDays: 30,
      workflowType: "EXPRESS",
      retry: { intervalSeconds: 1, backoffRate: 2.5, maxAttempts: 3, maxDelaySeconds: 20 },
      apiThrottling: { rateLimit: 500, burstLimit: 1000 },
      manageApiGatewayAccount: true,
      alarmEmail: "oncall@example.com",
    });
    expect(JSON.parse(config.providerSettingsJson)).toEqual({ square: { notificationUrl: "https://example.com/webhooks/square" } });
  });

  it("turns secret signing secrets into the validator's JSON, still secret", async () => {
    const secrets = { stripe: ["whsec_current", "whsec_previous"], checkout: ["cko-secret"] };
    const config = parse({ signingSecrets: JSON.stringify(secrets) }, ["signingSecrets"]);
    expect(await pulumi.isSecret(config.signingSecretsJson)).toBe(true);
    expect(JSON.parse(await resolve(config.signingSecretsJson))).toEqual(secrets);
  });

  it("accepts any reserved concurrency from 1 to 900", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 900 }), (value) => {
        expect(parse({ validatorReservedConcurrency: String(value) }).validator.reservedConcurrency).toBe(value);
      }),
    );
  });
});

describe("rejected values name the full key", () => {
  // [key, bad value, extra text the message must contain]
  const cases: Array<[string, string, RegExp?]> = [
    ["environmentSuffix", "Dev", /lower-case/],
    ["environmentSuffix", "dev-", undefined],
    ["environmentSuffix", "a".repeat(21), undefined],
    ["environmentSuffix", "", /required/],
    ["lambdaRuntime", "nodejs18.x", /AWS blocks creating nodejs18\.x/],
    ["lambdaRuntime", "nodejs20.x", /AWS blocks creating nodejs20\.x functions since 31 August 2026/],
    ["lambdaRuntime", "python3.12", /nodejs22\.x, nodejs24\.x/],
    ["validatorReservedConcurrency", "0", /would stop the function/],
    ["validatorReservedConcurrency", "901", /100/],
    ["validatorReservedConcurrency", "ten", undefined],
    ["processorReservedConcurrency", "-1", undefined],
    ["validatorMemorySize", "64", /128 to 10240/],
    ["processorMemorySize", "20000", undefined],
    ["validatorTimeoutSeconds", "30", /29 s/],
    ["processorTimeoutSeconds", "0", undefined],
    ["processorTimeoutSeconds", "301", undefined],
    ["processorTimeoutSeconds", "1.5", undefined],
    ["logLevel", "VERBOSE", /DEBUG, INFO, WARN, ERROR/],
    ["logRetentionDays", "10", /CloudWatch Logs accepts/],
    ["logRetentionDays", "0", undefined],
    ["eventRetentionDays", "0", undefined],
    ["workflowType", "standard", /STANDARD, EXPRESS/],
    ["retryIntervalSeconds", "0", undefined],
    ["retryBackoffRate", "1.5", /from 2 to 100/],
    ["retryBackoffRate", "fast", undefined],
    ["retryMaxAttempts", "0", undefined],
    ["retryMaxAttempts", "21", /billed/],
    ["retryMaxDelaySeconds", "0", undefined],
    ["apiThrottlingRateLimit", "0", undefined],
    ["apiThrottlingBurstLimit", "5001", undefined],
    ["manageApiGatewayAccount", "yes", /true or false/],
    ["alarmEmail", "not-an-email", /email/],
    ["providerSettings", "not json", /object/],
    ["providerSettings", JSON.stringify({ paypal: {} }), /paypal is not a known provider/],
    ["providerSettings", JSON.stringify({ generic: { encoding: "base32" } }), /generic\.encoding/],
    ["providerSettings", JSON.stringify({ square: { notificationUrl: "ftp://x" } }), /square\.notificationUrl/],
  ];

  it.each(cases)("%s = %j", (key, value, detail) => {
    const values = key === "environmentSuffix" ? { environmentSuffix: value } : { environmentSuffix: "dev", [key]: value };
    let message = "";
    try {
      parseStackConfig(source(values));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`payment-webhooks:${key}`);
    if (detail) expect(message).toMatch(detail);
  });

  it("names retryMaxDelaySeconds when the cap is below the first interval", () => {
    expect(() => parse({ retryIntervalSeconds: "10", retryMaxDelaySeconds: "5" })).toThrow(/payment-webhooks:retryMaxDelaySeconds \(5\) must be at least payment-webhooks:retryIntervalSeconds \(10\)/);
  });

  it("names environmentSuffix when it is missing", () => {
    expect(() => parseStackConfig(source({}))).toThrow(/payment-webhooks:environmentSuffix is required/);
  });

  it("rejects every out-of-range reserved concurrency", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 901 })), (value) => {
        expect(() => parse({ processorReservedConcurrency: String(value) })).toThrow(/payment-webhooks:processorReservedConcurrency/);
      }),
    );
  });
});

describe("properties over whole value ranges", () => {
  const allowedRetention = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

  it("logRetentionDays accepts exactly CloudWatch's retention values", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 4000 }), (days) => {
        if (allowedRetention.includes(days)) expect(parse({ logRetentionDays: String(days) }).logRetentionDays).toBe(days);
        else expect(() => parse({ logRetentionDays: String(days) })).toThrow(/payment-webhooks:logRetentionDays/);
      }),
      { numRuns: 500 },
    );
  });

  it("retryBackoffRate accepts any decimal from 2 to 100 and nothing below 2", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 150, noNaN: true }), (rate) => {
        const text = rate.toFixed(2);
        const value = Number(text);
        if (value >= 2 && value <= 100) expect(parse({ retryBackoffRate: text }).retry.backoffRate).toBe(value);
        else expect(() => parse({ retryBackoffRate: text })).toThrow(/payment-webhooks:retryBackoffRate/);
      }),
    );
  });

  it("the processor Task always times out after the processor itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (seconds) => {
        const config = parse({ processorTimeoutSeconds: String(seconds) });
        expect(config.processorTaskTimeoutSeconds).toBeGreaterThan(config.processor.timeoutSeconds);
      }),
    );
  });

  it("retryMaxDelaySeconds below retryIntervalSeconds is always refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3600 }), fc.integer({ min: 1, max: 3599 }), (interval, delay) => {
        fc.pre(delay < interval);
        expect(() => parse({ retryIntervalSeconds: String(interval), retryMaxDelaySeconds: String(delay) })).toThrow(/payment-webhooks:retryMaxDelaySeconds/);
      }),
    );
  });
});

describe("signing secrets", () => {
  const plaintext = "whsec_do-not-print-me";

  it("must be set with --secret", () => {
    expect(() => parse({ signingSecrets: JSON.stringify({ stripe: [plaintext] }) })).toThrow(
      /payment-webhooks:signingSecrets must be set as a secret: `pulumi config set --secret --path/,
    );
  });

  it("errors name the provider and index but never echo a secret", () => {
    const cases = [
      JSON.stringify({ stripe: [plaintext, ""] }),
      JSON.stringify({ paypal: [plaintext] }),
      JSON.stringify({ adyen: [plaintext] }),
      JSON.stringify({ stripe: plaintext }),
      `{"stripe": ["${plaintext}"`,
    ];
    for (const value of cases) {
      let message = "";
      try {
        parse({ signingSecrets: value }, ["signingSecrets"]);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("payment-webhooks:signingSecrets");
      expect(message).not.toContain(plaintext);
    }
  });
});

describe("loadStackConfig (through the Pulumi runtime's config)", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}, []));

  it("reads payment-webhooks:* keys and sees which were set with --secret", async () => {
    pulumi.runtime.setAllConfig(
      {
        "payment-webhooks:environmentSuffix": "pr42",
        "payment-webhooks:workflowType": "EXPRESS",
        "payment-webhooks:signingSecrets": JSON.stringify({ stripe: ["whsec_runtime"] }),
      },
      ["payment-webhooks:signingSecrets"],
    );
    const config = loadStackConfig();
    expect(config.environmentSuffix).toBe("pr42");
    expect(config.workflowType).toBe("EXPRESS");
    expect(await pulumi.isSecret(config.signingSecretsJson)).toBe(true);
  });

  it("refuses signing secrets stored in plain text", () => {
    pulumi.runtime.setAllConfig(
      { "payment-webhooks:environmentSuffix": "pr42", "payment-webhooks:signingSecrets": JSON.stringify({ stripe: ["whsec_plain"] }) },
      [],
    );
    expect(() => loadStackConfig()).toThrow(/payment-webhooks:signingSecrets must be set as a secret/);
  });

  it("ignores another project's keys", () => {
    pulumi.runtime.setAllConfig({ "other-project:environmentSuffix": "pr42" }, []);
    expect(() => loadStackConfig()).toThrow(/payment-webhooks:environmentSuffix is required/);
  });
});
