/**
 * What the real handler writes (Powertools structured logs and EMF metrics): the event id,
 * provider and outcome — and never a secret, a signature or the payload.
 */
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { loadHandler } from "./support/load-handler";
import { proxyEvent } from "./support/proxy-events";
import { signDelivery } from "./support/signed-deliveries";
import { TEST_SECRETS, validatorEnvironment } from "./support/test-secrets";

let table: DynaliteEventTable;
beforeAll(async () => {
  table = await startDynaliteEventTable();
});
afterAll(async () => table.stop());

async function captureOutput(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter((line) => line.trim() !== ""));
    return true;
  };
  const out = jest.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = jest.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    await run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

it("logs event id, provider and outcome as JSON, and no secret, signature or payload", async () => {
  const handler = loadHandler({
    ...validatorEnvironment(table.endpoint, table.tableName),
    POWERTOOLS_LOG_LEVEL: "DEBUG",
    POWERTOOLS_METRICS_DISABLED: "false",
    POWERTOOLS_METRICS_NAMESPACE: "PaymentWebhooksTest",
  });
  const now = Math.floor(Date.now() / 1000);
  const payloadMarker = "PAYLOAD-MARKER-7f3a";
  const body = JSON.stringify({ id: "evt_logging_1", type: "payment.refunded", occurredAt: "2024-11-19T07:06:40Z", paymentId: "pay-log-1", note: payloadMarker });
  const good = signDelivery("generic", body, { timestamp: now });
  const forged = signDelivery("generic", body, { timestamp: now, secret: "attacker-guess" });
  const stripeBody = JSON.stringify({ id: "evt_logging_2", type: "charge.succeeded", created: now, note: payloadMarker });
  const stripeForged = signDelivery("stripe", stripeBody, { timestamp: now, secret: "attacker-guess" });

  const lines = await captureOutput(async () => {
    await handler(proxyEvent({ provider: "generic", body: good.body, headers: good.headers }));
    await handler(proxyEvent({ provider: "generic", body: forged.body, headers: forged.headers }));
    await handler(proxyEvent({ provider: "stripe", body: stripeBody, headers: stripeForged.headers }));
  });

  const output = lines.join("\n");
  for (const secret of Object.values(TEST_SECRETS).flat()) expect(output.includes(secret)).toBe(false);
  for (const signature of [good.headers["x-hub-signature-256"], forged.headers["x-hub-signature-256"], stripeForged.headers["Stripe-Signature"]]) {
    expect(output.includes(signature)).toBe(false);
    expect(output.includes(signature.replace(/^sha256=/, ""))).toBe(false);
  }
  expect(output.includes(payloadMarker)).toBe(false);

  // Node itself may print warnings (e.g. the SDK's Node-version notice); the records are the JSON lines.
  const records = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records).toContainEqual(
    expect.objectContaining({ level: "INFO", message: "Webhook accepted", provider: "generic", eventIds: ["evt_logging_1"], outcome: "stored", correlation_id: "evt_logging_1" }),
  );
  expect(records).toContainEqual(
    expect.objectContaining({
      level: "WARN",
      message: "Webhook rejected",
      provider: "generic",
      reason: "signature_mismatch",
      status: 401,
      detail: expect.stringMatching(/signature does not match the payload/),
    }),
  );
  // No record lost a field to Powertools' reserved keys.
  expect(output).not.toContain("is a reserved key and will be dropped");
  // EMF metrics: accepted and rejected-by-reason, dimensioned by provider.
  expect(records).toContainEqual(expect.objectContaining({ WebhookAccepted: 1, provider: "generic" }));
  expect(records).toContainEqual(expect.objectContaining({ WebhookRejected: 1, provider: "stripe", reason: "signature_mismatch" }));
});

it("logs a provider without secrets as an ERROR (fail closed must be loud on our side)", async () => {
  const env = validatorEnvironment(table.endpoint, table.tableName);
  const { checkout: _omitted, ...others } = TEST_SECRETS;
  const handler = loadHandler({ ...env, POWERTOOLS_LOG_LEVEL: "INFO", WEBHOOK_SIGNING_SECRETS: JSON.stringify(others) });
  const delivery = signDelivery("checkout", JSON.stringify({ id: "evt_unconfigured", type: "payment_captured", created_on: "2024-11-19T07:06:40Z" }), {
    timestamp: 0,
  });
  const lines = await captureOutput(async () => {
    const response = await handler(proxyEvent({ provider: "checkout", body: delivery.body, headers: delivery.headers }));
    expect(response.statusCode).toBe(401);
  });
  const records = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records).toContainEqual(expect.objectContaining({ level: "ERROR", provider: "checkout", reason: "provider_not_configured" }));
});
