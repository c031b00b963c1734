/**
 * The stack's limits, applied locally as AWS documents them:
 * - API Gateway stage throttling is a token bucket: up to `burst` requests at once, refilled at
 *   `rate` per second, 429 `{"message":"Too Many Requests"}` beyond (API Gateway Developer
 *   Guide, "Throttle requests to your REST APIs");
 * - a Lambda at its reserved concurrency refuses the next invocation with TooManyRequestsException
 *   (Lambda Developer Guide, "Lambda function scaling"), which a proxy integration turns into a
 *   500 (Lambda Developer Guide, "Handling Lambda errors with an API Gateway API") and Step
 *   Functions reports as `Lambda.TooManyRequestsException`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWebhookApi } from "../../local/api/webhook-api-server";
import { withReservedConcurrency } from "../../local/limits/lambda-service-errors";
import { LambdaThrottledError, ReservedConcurrency } from "../../local/limits/reserved-concurrency";
import { readStackLimits } from "../../local/limits/stack-limits";
import { parseStackSettings } from "../../lib/config-rules";
import { TokenBucket } from "../../local/limits/token-bucket";
import { LocalTaskError } from "../../local/workflow/task-bindings";

describe("API Gateway stage throttling (token bucket)", () => {
  it("lets the burst through at once, then the rate per second", () => {
    let now = 0;
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 20 }, () => now);
    const takes = (count: number) => Array.from({ length: count }, () => bucket.tryTake()).filter(Boolean).length;
    expect(takes(25)).toBe(20);
    now += 1000;
    expect(takes(25)).toBe(10);
    now += 100;
    expect(takes(5)).toBe(1);
    // Idle time refills up to the burst, never beyond it.
    now += 60_000;
    expect(takes(50)).toBe(20);
  });

  it("rejects limits that are not positive", () => {
    expect(() => new TokenBucket({ rateLimit: 0, burstLimit: 5 })).toThrow("rateLimit must be a positive number");
  });
});

describe("reserved concurrency", () => {
  it("runs up to the limit at once and refuses the next with TooManyRequestsException, never queueing it", async () => {
    const concurrency = new ReservedConcurrency("fn", 2);
    const releases: Array<() => void> = [];
    const hold = () => concurrency.invoke(() => new Promise<void>((resolve) => releases.push(resolve)));
    const running = [hold(), hold()];
    await expect(concurrency.invoke(async () => "third")).rejects.toMatchObject({ name: "TooManyRequestsException", statusCode: 429 });
    releases.forEach((release) => release());
    await Promise.all(running);
    await expect(concurrency.invoke(async () => "after")).resolves.toBe("after");
    expect(concurrency.stats).toMatchObject({ throttled: 1, peakConcurrency: 2, invocations: 3 });
  });

  it("is unlimited without a limit, and rejects a limit that is not a positive integer", async () => {
    const open = new ReservedConcurrency("fn", undefined);
    await Promise.all(Array.from({ length: 50 }, () => open.invoke(async () => undefined)));
    expect(open.stats.throttled).toBe(0);
    expect(() => new ReservedConcurrency("fn", 0)).toThrow("positive integer");
  });

  it("surfaces to the workflow as Lambda.TooManyRequestsException; function errors keep their own name", async () => {
    const concurrency = new ReservedConcurrency("fn", 1);
    let release!: () => void;
    const slow = withReservedConcurrency(() => new Promise((resolve) => (release = () => resolve("ok"))), concurrency);
    const first = slow({});
    const refused = await Promise.resolve(slow({})).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(LocalTaskError);
    expect((refused as Error).name).toBe("Lambda.TooManyRequestsException");
    release();
    await first;
    const failing = withReservedConcurrency(() => Promise.reject(Object.assign(new Error("boom"), { name: "Payment.Transient" })), concurrency);
    await expect(failing({})).rejects.toMatchObject({ name: "Payment.Transient" });
  });
});

describe("the local API under limits", () => {
  it("answers 429 Too Many Requests beyond the burst without calling the validator, and 500 when the validator is throttled", async () => {
    let calls = 0;
    let now = 0;
    const api = await startWebhookApi({
      port: 0,
      accountId: "000000000000",
      throttle: new TokenBucket({ rateLimit: 1, burstLimit: 2 }, () => now),
      handler: async (event) => {
        calls++;
        if (event.body === "throttle me") throw new LambdaThrottledError("webhook-validator-test");
        return { statusCode: 200, body: "{}" };
      },
    });
    try {
      const post = (body: string) => fetch(`${api.url}/webhooks/stripe`, { method: "POST", body });
      const throttledLambda = await post("throttle me");
      expect(throttledLambda.status).toBe(500);
      expect(await throttledLambda.json()).toEqual({ message: "Internal server error" });
      expect((await post("fine")).status).toBe(200);
      const refused = await post("fine");
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({ message: "Too Many Requests" });
      expect(calls).toBe(2);
      now += 1000;
      expect((await post("fine")).status).toBe(200);
    } finally {
      await api.stop();
    }
  });
});

describe("the stack's limits for the local runtime", () => {
  function project(stackFile?: string): string {
    const root = mkdtempSync(join(tmpdir(), "stack-limits-"));
    const declared = (key: string, value: number | string) => `  ${key}:\n    type: integer\n    default: ${value}\n`;
    writeFileSync(
      join(root, "Pulumi.yaml"),
      "name: t\nruntime: nodejs\nconfig:\n" +
        declared("apiThrottlingRateLimit", 100) +
        declared("apiThrottlingBurstLimit", 200) +
        declared("validatorReservedConcurrency", 10) +
        declared("processorReservedConcurrency", 5) +
        declared("absorbableBurst", 5000) +
        declared("processorExpectedDurationMs", 200),
    );
    if (stackFile !== undefined) writeFileSync(join(root, "Pulumi.dev.yaml"), stackFile);
    return root;
  }

  it("takes Pulumi.yaml's defaults, overridden by the stack file as `pulumi up` would", () => {
    expect(readStackLimits("dev", project())).toMatchObject({ api: { rateLimit: 100, burstLimit: 200 }, processorReservedConcurrency: 5, source: "Pulumi.yaml" });
    const overridden = readStackLimits("dev", project("config:\n  payment-webhooks:apiThrottlingRateLimit: 7\n  payment-webhooks:processorReservedConcurrency: \"3\"\n"));
    expect(overridden).toMatchObject({ api: { rateLimit: 7, burstLimit: 200 }, processorReservedConcurrency: 3, source: "Pulumi.yaml + Pulumi.dev.yaml" });
  });

  // Pulumi: a configuration key without a namespace is in the project's namespace
  // (https://www.pulumi.com/docs/iac/concepts/config/).
  it("reads a stack-file key written without its namespace as the project's, and skips secrets, as Pulumi does", () => {
    const limits = readStackLimits("dev", project('config:\n  apiThrottlingBurstLimit: 9\n  payment-webhooks:signingSecrets:\n    secure: AAABAKx\n'));
    expect(limits.api).toEqual({ rateLimit: 100, burstLimit: 9 });
  });

  it("refuses what `pulumi up` refuses, with the same message naming the key", () => {
    // The message `pulumi up` gives for the same value (lib/config.ts runs these rules over the Pulumi runtime).
    const pulumiUpMessage = (key: string, value: string) => {
      try {
        parseStackSettings({ get: (name) => (name === "environmentSuffix" ? "dev" : name === key ? value : undefined), isSecret: () => false });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`parseStackSettings accepted ${key}=${value}`);
    };
    for (const [key, value] of [
      ["validatorReservedConcurrency", "lots"],
      // Above what one function can reserve on a default account: refused by `pulumi up`, so locally too.
      ["processorReservedConcurrency", "1000"],
      ["apiThrottlingRateLimit", "0"],
    ] as const) {
      const message = pulumiUpMessage(key, value);
      expect(message).toMatch(new RegExp(`^payment-webhooks:${key} must be`));
      expect(() => readStackLimits("dev", project(`config:\n  payment-webhooks:${key}: "${value}"\n`))).toThrow(message);
    }
  });
});
