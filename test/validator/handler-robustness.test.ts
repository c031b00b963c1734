/**
 * No input makes the REAL handler throw or answer 5xx while its store is healthy: random
 * methods, paths, headers, bodies and base64 flags, and — the harder case — arbitrary JSON that
 * is correctly signed, so every provider mapping is fuzzed past authentication.
 */
import fc from "fast-check";
import { PROVIDERS, type ProviderId } from "../../contract/event-table";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { loadHandler } from "./support/load-handler";
import { proxyEvent } from "./support/proxy-events";
import { sampleBody, signDelivery } from "./support/signed-deliveries";
import { validatorEnvironment } from "./support/test-secrets";
import type { ApiGatewayHandler } from "../../lambda/webhook-validator/http/api-gateway-handler";

const CLIENT_ERROR_STATUSES = [400, 401, 404, 405, 413];

let table: DynaliteEventTable;
let handler: ApiGatewayHandler;
beforeAll(async () => {
  table = await startDynaliteEventTable();
  handler = loadHandler(validatorEnvironment(table.endpoint, table.tableName));
});
afterAll(async () => table.stop());

async function expectWellFormedAnswer(event: Parameters<ApiGatewayHandler>[0]): Promise<number> {
  const response = await handler(event); // a throw fails the property
  const body = JSON.parse(response.body);
  if (response.statusCode === 200) {
    expect(["stored", "duplicate"]).toContain(body.result);
  } else {
    expect(CLIENT_ERROR_STATUSES).toContain(response.statusCode);
    expect(body).toEqual({ error: expect.stringMatching(/^[a-z0-9_]+$/), message: expect.any(String) });
  }
  return response.statusCode;
}

const knownHeader = fc.constantFrom(
  "Stripe-Signature",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "x-square-hmacsha256-signature",
  "x-square-signature",
  "Cko-Signature",
  "x-hub-signature-256",
  "Content-Type",
);
const headerValue = fc.oneof(fc.string(), fc.constantFrom("t=1732000000,v1=00", "v1,AAAA", "t=,v1=", "sha256=", ""));

describe("arbitrary requests", () => {
  it("are answered with 200 or a 4xx JSON error, never a throw or 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof(fc.constantFrom(...PROVIDERS), fc.string()), { nil: undefined }),
        fc.constantFrom("POST", "GET", "PUT", "post", "DELETE"),
        fc.dictionary(fc.oneof(knownHeader, fc.string({ minLength: 1 })), headerValue, { maxKeys: 5 }),
        fc.option(fc.oneof(fc.string(), fc.base64String(), fc.json()), { nil: null }),
        fc.boolean(),
        async (provider, method, headers, body, isBase64Encoded) => {
          await expectWellFormedAnswer(proxyEvent({ provider, method, headers, body, isBase64Encoded }));
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

const PAYLOAD_KEYS = [
  "id", "type", "created", "created_on", "created_at", "event_id", "occurredAt", "timestamp", "data", "object",
  "amount", "currency", "paymentId", "payment_id", "payment_intent", "charge", "status", "notificationItems",
  "NotificationRequestItem", "pspReference", "originalReference", "eventCode", "success", "eventDate", "value",
  "payment", "refund", "dispute", "disputed_payment", "amount_money", "last_payment_error", "decline_code",
  "failure_code", "response_code", "reason", "failureCode", "card_details", "errors", "code",
];
const payloadValue = fc.oneof(
  fc.string(),
  fc.constantFrom("true", "false", "EUR", "usd", "payment_intent", "charge", "dispute", "COMPLETED", "2024-11-19T07:06:40Z", "2024-11-19T07:06:40+99:99", "\ud800"),
  fc.integer(),
  fc.integer({ min: 0, max: 4_000_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
/** Either arbitrary JSON, or the provider's realistic sample with a few fields overwritten by junk. */
const payloadVariant = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("random" as const), json: fc.object({ key: fc.constantFrom(...PAYLOAD_KEYS), values: [payloadValue], maxDepth: 4, maxKeys: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("random" as const), json: fc.jsonValue() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("sample" as const), overrides: fc.dictionary(fc.constantFrom(...PAYLOAD_KEYS), payloadValue, { maxKeys: 2 }) }) },
);
type PayloadVariant = { kind: "random"; json: unknown } | { kind: "sample"; overrides: Record<string, unknown> };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function payloadFor(provider: ProviderId, variant: PayloadVariant, eventId: string): unknown {
  if (variant.kind === "sample") {
    const sample = JSON.parse(sampleBody(provider, eventId));
    if (provider !== "adyen") return { ...sample, ...variant.overrides };
    const item = sample.notificationItems[0].NotificationRequestItem;
    return { ...sample, notificationItems: [{ NotificationRequestItem: { ...item, ...variant.overrides } }] };
  }
  // Adyen signs inside items, so its fuzzed JSON goes inside a (signable) notification item.
  if (provider === "adyen") return { notificationItems: [{ NotificationRequestItem: isObject(variant.json) ? variant.json : { value: variant.json } }] };
  return variant.json;
}

describe("arbitrary but correctly signed JSON", () => {
  it("is stored or rejected with a 4xx, never a throw or 5xx", async () => {
    const statusCounts = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROVIDERS), payloadVariant, fc.nat(), fc.boolean(), fc.boolean(), async (provider: ProviderId, variant, n, viaDetection, base64) => {
        const eventId = `evt_fuzz_${n}`;
        const delivery = signDelivery(provider, JSON.stringify(payloadFor(provider, variant, eventId)), {
          timestamp: Math.floor(Date.now() / 1000),
          messageId: `msg_fuzz_${n}`,
        });
        const body = base64 ? Buffer.from(delivery.body).toString("base64") : delivery.body;
        const detect = viaDetection && provider !== "adyen";
        const status = await expectWellFormedAnswer(proxyEvent({ provider: detect ? undefined : provider, body, headers: delivery.headers, isBase64Encoded: base64 }));
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
      }),
      { numRuns: 1_500 },
    );
    // The generator must reach the storage path, or this test proves little.
    // (~40% of runs start from a realistic sample, so hundreds are expected; 50 is a loose floor.)
    expect(statusCounts.get(200)).toBeGreaterThan(50);
    expect(statusCounts.get(400)).toBeGreaterThan(50);
  });
});
