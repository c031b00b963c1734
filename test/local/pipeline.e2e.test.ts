/**
 * End to end on the local runtime: HTTP → real validator → local DynamoDB → stream → local
 * Pipe → bus → rule → the stack's ASL on aws-local-stepfunctions → real processor.
 */
import { PROVIDERS } from "../../contract/event-table";
import { generic } from "../../lambda/webhook-validator/providers/generic";
import { rekeySample } from "../../local/demo/samples";
import { signWebhook } from "../../local/demo/signing";
import type { LocalPipeline } from "../../local/runtime/pipeline";
import {
  eventItems,
  executionsFor,
  itemsOfPayment,
  post,
  SAMPLE_SECRETS,
  sendWebhook,
  startTestPipeline,
  stateItem,
} from "./support/pipeline-harness";

let pipeline: LocalPipeline;
const lines: string[] = [];

beforeAll(async () => {
  pipeline = await startTestPipeline(lines);
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
});

const unique = (label: string) => `${label}_${Math.random().toString(36).slice(2, 10)}`;

describe("local pipeline end to end", () => {
  it.each(PROVIDERS.map((provider) => [provider]))("a signed %s sample reaches PROCESSED", async (provider) => {
    const eventId = unique(`evt_${provider.replace("-", "_")}`);
    const paymentId = unique("pay");
    const response = await sendWebhook(pipeline, provider, rekeySample(provider, { eventId, paymentId }), { messageId: eventId });
    expect(response.status).toBe(200);
    expect(response.body.result).toBe("stored");
    const [storedEventId] = response.eventIds;

    await pipeline.tracker.waitForTerminal([storedEventId!], 30_000);
    expect(pipeline.tracker.terminalStage(storedEventId!)).toBe("PROCESSED");
    const stages = pipeline.tracker.timeline(storedEventId!)!.stages.map((entry) => entry.stage);
    expect(stages).toEqual(["verified", "stored", "routed", "executing", "PROCESSED"]);
    const executions = executionsFor(pipeline, storedEventId!);
    expect(executions).toHaveLength(1);
    expect(executions[0]!.status).toBe("SUCCEEDED");
  });

  it("POST /webhooks without a provider segment: the validator detects the provider from the headers", async () => {
    const eventId = unique("evt_detected");
    const signed = signWebhook("stripe", rekeySample("stripe", { eventId, paymentId: unique("pi_detected") }), {
      secret: SAMPLE_SECRETS.stripe[0]!,
      squareNotificationUrl: "",
    });
    const response = await post(pipeline, "", signed.body, signed.headers);
    expect([response.status, response.body.result, response.eventIds]).toEqual([200, "stored", [eventId]]);
    await pipeline.tracker.waitForTerminal([eventId], 30_000);
    expect(pipeline.tracker.terminalStage(eventId)).toBe("PROCESSED");
  });

  it("a binary (non-UTF-8) body reaches the validator intact through isBase64Encoded: signature passes, JSON fails", async () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"evt_binary","type":"payment.succeeded"'), Buffer.from([0xff, 0xfe]), Buffer.from("}")]);
    const { headers } = generic.sign({ body: bytes, secret: SAMPLE_SECRETS.generic[0]!, now: new Date() });
    const response = await fetch(`${pipeline.url}/webhooks/generic`, { method: "POST", body: bytes, headers: { ...headers, "Content-Type": "application/json" } });
    // 400 (not 401): the signature over the exact bytes verified; only the JSON is malformed.
    expect(response.status).toBe(400);
    const { headers: forgedHeaders } = generic.sign({ body: bytes, secret: "not-the-secret", now: new Date() });
    const forged = await fetch(`${pipeline.url}/webhooks/generic`, { method: "POST", body: bytes, headers: { ...forgedHeaders, "Content-Type": "application/json" } });
    expect(forged.status).toBe(401); // so the 400 above did come after verification
  });

  it("a duplicate delivery stores one item and starts one execution", async () => {
    const eventId = unique("evt_dup");
    const paymentId = unique("pi_dup");
    const body = rekeySample("stripe", { eventId, paymentId });
    const first = await sendWebhook(pipeline, "stripe", body);
    const second = await sendWebhook(pipeline, "stripe", body);
    expect([first.status, first.body.result]).toEqual([200, "stored"]);
    expect([second.status, second.body.result]).toEqual([200, "duplicate"]);

    await pipeline.tracker.waitForTerminal([eventId], 30_000);
    await pipeline.settle();
    expect(await eventItems(pipeline, paymentId, eventId)).toHaveLength(1);
    expect(executionsFor(pipeline, eventId)).toHaveLength(1);
    const outcomes = pipeline.bus.archive.filter((event) => event.source === "payment-webhooks.processor" && event.detail.eventId === eventId);
    expect(outcomes).toHaveLength(1);
  });

  it("a forged webhook gets 401 and nothing is stored", async () => {
    const eventId = unique("evt_forged");
    const paymentId = unique("pi_forged");
    const response = await sendWebhook(pipeline, "stripe", rekeySample("stripe", { eventId, paymentId }), {
      secret: "whsec_attacker_guess",
    });
    expect(response.status).toBe(401);
    await pipeline.settle();
    expect(await itemsOfPayment(pipeline, paymentId)).toEqual([]);
    expect(executionsFor(pipeline, eventId)).toEqual([]);
  });

  it("a transiently failing event is retried, then PROCESSED", async () => {
    const eventId = unique("evt_transient");
    const paymentId = unique("pay_transient");
    pipeline.faults.set(eventId, { kind: "transient", failures: 2 });
    const response = await sendWebhook(pipeline, "checkout", rekeySample("checkout", { eventId, paymentId }));
    expect(response.status).toBe(200);

    await pipeline.tracker.waitForTerminal([eventId], 30_000);
    expect(pipeline.tracker.terminalStage(eventId)).toBe("PROCESSED");
    const [execution] = executionsFor(pipeline, eventId);
    expect(execution!.retries).toBe(2);
    const [item] = await eventItems(pipeline, paymentId, eventId);
    expect(item!.processingStatus).toEqual({ S: "PROCESSED" });
  });

  it("a permanently failing event is not retried and FAILED is recorded on its item", async () => {
    const eventId = unique("evt_permanent");
    const paymentId = unique("sq_permanent");
    pipeline.faults.set(eventId, { kind: "permanent" });
    const response = await sendWebhook(pipeline, "square", rekeySample("square", { eventId, paymentId }));
    expect(response.status).toBe(200);

    await pipeline.tracker.waitForTerminal([eventId], 30_000);
    expect(pipeline.tracker.terminalStage(eventId)).toBe("FAILED");
    const [execution] = executionsFor(pipeline, eventId);
    expect(execution).toMatchObject({ status: "FAILED", error: "Payment.Permanent", retries: 0 });
    const [item] = await eventItems(pipeline, paymentId, eventId);
    expect(item!.processingStatus).toEqual({ S: "FAILED" });
    expect(item!.processingError).toEqual({ S: "Payment.Permanent" });
  });

  it("out of order: the newer event wins even when the older one arrives last", async () => {
    const paymentId = unique("gen_pay");
    const newer = unique("evt_newer");
    const older = unique("evt_older");
    const newerBody = JSON.stringify({ ...JSON.parse(rekeySample("generic", { eventId: newer, paymentId, occurredAt: "2026-11-29T07:16:40.000Z" })), type: "payment.refunded", status: "refunded" });
    const olderBody = rekeySample("generic", { eventId: older, paymentId, occurredAt: "2026-11-29T07:06:40.000Z" });

    expect((await sendWebhook(pipeline, "generic", newerBody)).status).toBe(200);
    await pipeline.tracker.waitForTerminal([newer], 30_000);
    expect((await sendWebhook(pipeline, "generic", olderBody)).status).toBe(200);
    await pipeline.tracker.waitForTerminal([older], 30_000);

    expect(pipeline.tracker.terminalStage(older)).toBe("PROCESSED");
    const state = await stateItem(pipeline, paymentId);
    expect(state?.paymentStatus).toEqual({ S: "REFUNDED" });
    expect(state?.lastEventId).toEqual({ S: newer });
    const olderDecision = (executionsFor(pipeline, older)[0]!.output as { processing: { decision: { disposition: string } } }).processing.decision;
    expect(olderDecision.disposition).toBe("STALE");
  });

  it("prints one console line per stage without leaking secrets", () => {
    expect(lines.some((line) => /stored/.test(line))).toBe(true);
    expect(lines.some((line) => /PROCESSED/.test(line))).toBe(true);
    expect(lines.some((line) => /rejected 401/.test(line))).toBe(true);
    const secrets = Object.values(SAMPLE_SECRETS).flat();
    for (const secret of secrets) expect(lines.join("\n")).not.toContain(secret);
  });
});
