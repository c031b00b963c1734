import { LocalConfigError, readLocalRuntimeConfig } from "../../local/runtime/config";
import { parseFaultPlan, withInjectedFaults } from "../../local/runtime/fault-injection";

describe("local runtime configuration", () => {
  it("has safe defaults: port 3000, the sample secrets file, the definition's own retry backoff", () => {
    const config = readLocalRuntimeConfig({});
    expect(config.port).toBe(3000);
    expect(config.signingSecretsSource).toContain("local-signing-secrets.json");
    expect(Object.keys(JSON.parse(config.signingSecretsJson)).sort()).toEqual(["adyen", "checkout", "generic", "square", "standard-webhooks", "stripe"]);
    expect(config.retryWaitMs).toBeUndefined();
  });

  it("names the offending variable", () => {
    expect(() => readLocalRuntimeConfig({ PORT: "http" })).toThrow(LocalConfigError);
    expect(() => readLocalRuntimeConfig({ PORT: "70000" })).toThrow("PORT must be an integer between 0 and 65535");
    expect(() => readLocalRuntimeConfig({ LOCAL_RETRY_WAIT_MS: "-1" })).toThrow("LOCAL_RETRY_WAIT_MS");
  });

  it("takes secrets from WEBHOOK_SIGNING_SECRETS and says so without echoing them", () => {
    const config = readLocalRuntimeConfig({ WEBHOOK_SIGNING_SECRETS: '{"stripe":["whsec_mine"]}' });
    expect(config.signingSecretsJson).toBe('{"stripe":["whsec_mine"]}');
    expect(config.signingSecretsSource).toBe("the WEBHOOK_SIGNING_SECRETS environment variable");
  });
});

describe("fault plan", () => {
  it("fails a transient event the planned number of times with the processor's own error names, then calls through", async () => {
    const plan = parseFaultPlan({ evt_t: { kind: "transient", failures: 2 }, evt_p: { kind: "permanent" } }, "plan");
    const calls: unknown[] = [];
    const processor = withInjectedFaults(async (payload) => {
      calls.push(payload);
      return "done";
    }, plan);

    await expect(processor({ eventId: "evt_t" })).rejects.toMatchObject({ name: "Payment.Transient" });
    await expect(processor({ eventId: "evt_t" })).rejects.toMatchObject({ name: "Payment.Transient" });
    await expect(processor({ eventId: "evt_t" })).resolves.toBe("done");
    await expect(processor({ eventId: "evt_p" })).rejects.toMatchObject({ name: "Payment.Permanent" });
    await expect(processor({ eventId: "evt_p" })).rejects.toMatchObject({ name: "Payment.Permanent" });
    await expect(processor({ eventId: "other" })).resolves.toBe("done");
    expect(calls).toEqual([{ eventId: "evt_t" }, { eventId: "other" }]);
  });

  it("rejects a malformed plan naming the entry", () => {
    expect(() => parseFaultPlan({ evt_x: { kind: "transient" } }, "faults.json")).toThrow("faults.json: evt_x must be");
    expect(() => parseFaultPlan({ evt_x: { kind: "sometimes" } }, "faults.json")).toThrow("faults.json: evt_x must be");
  });
});
