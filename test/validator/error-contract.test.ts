/**
 * The full error contract, table-driven through the REAL handler (index.ts, with its cold-start
 * config and a DynamoDB client pointed at dynalite). Each case is an API Gateway proxy event in
 * test/validator/fixtures/<provider>/<case>.json. Fixtures that need a valid signature describe
 * HOW to sign (secret, timestamp offset, scheme) and are signed here at test time by the
 * independent reference signers — never with a signature the code under test computed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { ProviderId } from "../../contract/event-table";
import type { ApiGatewayHandler } from "../../lambda/webhook-validator/http/api-gateway-handler";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { loadHandler } from "./support/load-handler";
import { signDelivery } from "./support/signed-deliveries";
import { TEST_SECRETS, validatorEnvironment } from "./support/test-secrets";

interface Fixture {
  description: string;
  event: APIGatewayProxyEvent;
  signing?: { provider: ProviderId; secret: "current" | "previous" | "unknown"; timestampOffsetSeconds: number; scheme?: string; messageId?: string };
  afterSigning?: { base64EncodeBody?: boolean; replaceInBody?: [string, string]; setHeaders?: Record<string, string> };
  inflateBodyToBytes?: number;
  withoutSecretsFor?: ProviderId;
  deliveries?: number;
  expect: { statusCode: number; error?: string; result?: string; storedPaymentIdPrefix?: string; messageMentions?: string };
}

const FIXTURES_DIR = join(__dirname, "fixtures");
const fixtureDirs = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const fixtures: Array<[string, Fixture]> = fixtureDirs.flatMap((dir) =>
  readdirSync(join(FIXTURES_DIR, dir))
    .filter((file) => file.endsWith(".json"))
    .map((file): [string, Fixture] => [`${dir}/${file}`, JSON.parse(readFileSync(join(FIXTURES_DIR, dir, file), "utf8"))]),
);

const UNKNOWN_SECRETS: Record<ProviderId, string> = {
  stripe: "whsec_not_ours",
  "standard-webhooks": "whsec_bm90LW91ci1rZXktYXQtYWxsLTEyMzQ1Njc4",
  adyen: "00112233445566778899AABBCCDDEEFF",
  square: "not-our-square-key",
  checkout: "not-our-checkout-key",
  generic: "not-our-generic-secret",
};

/** Grows a JSON object body to exactly `bytes` bytes with a padding field. */
function inflate(body: string, bytes: number): string {
  const object = JSON.parse(body) as Record<string, unknown>;
  const skeleton = JSON.stringify({ ...object, padding: "" });
  return JSON.stringify({ ...object, padding: "x".repeat(bytes - Buffer.byteLength(skeleton)) });
}

function prepare(fixture: Fixture): APIGatewayProxyEvent {
  const event = structuredClone(fixture.event);
  let body = event.body ?? "";
  if (fixture.inflateBodyToBytes !== undefined) body = inflate(body, fixture.inflateBodyToBytes);
  let headers = { ...event.headers };
  if (fixture.signing) {
    const { provider, secret, timestampOffsetSeconds, scheme, messageId } = fixture.signing;
    const key = secret === "unknown" ? UNKNOWN_SECRETS[provider] : TEST_SECRETS[provider][secret === "current" ? 0 : 1];
    // A fixture body already flagged base64 holds raw bytes: sign those bytes, keep the encoding.
    const bytesOrText = event.isBase64Encoded ? Buffer.from(body, "base64") : body;
    const signed = signDelivery(provider, bytesOrText, { secret: key, timestamp: Math.floor(Date.now() / 1000) + timestampOffsetSeconds, scheme, messageId });
    body = signed.body;
    headers = { ...headers, ...signed.headers };
  }
  const after = fixture.afterSigning ?? {};
  if (after.replaceInBody) {
    const [from, to] = after.replaceInBody;
    if (!body.includes(from)) throw new Error(`fixture replaceInBody: ${from} not found in body`);
    body = body.replace(from, to);
  }
  headers = { ...headers, ...after.setHeaders };
  if (after.base64EncodeBody) {
    body = Buffer.from(body, "utf8").toString("base64");
    event.isBase64Encoded = true;
  }
  event.headers = headers;
  event.multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value as string]]));
  event.body = event.body === null && fixture.inflateBodyToBytes === undefined && !fixture.signing ? null : body;
  return event;
}

let table: DynaliteEventTable;
let handler: ApiGatewayHandler;
const handlersWithout = new Map<ProviderId, ApiGatewayHandler>();

beforeAll(async () => {
  table = await startDynaliteEventTable();
  handler = loadHandler(validatorEnvironment(table.endpoint, table.tableName));
});
afterAll(async () => table.stop());

function handlerFor(fixture: Fixture): ApiGatewayHandler {
  const provider = fixture.withoutSecretsFor;
  if (provider === undefined) return handler;
  if (!handlersWithout.has(provider)) {
    const env = validatorEnvironment(table.endpoint, table.tableName);
    const secrets = Object.fromEntries(Object.entries(TEST_SECRETS).filter(([name]) => name !== provider));
    handlersWithout.set(provider, loadHandler({ ...env, WEBHOOK_SIGNING_SECRETS: JSON.stringify(secrets) }));
  }
  return handlersWithout.get(provider)!;
}

it("covers every provider and the shared cases", () => {
  const dirs = new Set(fixtures.map(([name]) => name.split("/")[0]));
  expect([...dirs].sort()).toEqual(["adyen", "checkout", "common", "generic", "square", "standard-webhooks", "stripe"]);
  expect(fixtures.length).toBeGreaterThanOrEqual(80);
});

describe.each(fixtures)("%s", (_name, fixture) => {
  it(`${fixture.description} → ${fixture.expect.statusCode} ${fixture.expect.error ?? fixture.expect.result}`, async () => {
    const event = prepare(fixture);
    const handle = handlerFor(fixture);
    let response = await handle(event);
    for (let delivery = 2; delivery <= (fixture.deliveries ?? 1); delivery += 1) response = await handle(event);

    expect(response.statusCode).toBe(fixture.expect.statusCode);
    expect(response.headers?.["Content-Type"]).toBe("application/json");
    const body = JSON.parse(response.body);
    if (fixture.expect.error !== undefined) {
      expect(body).toEqual({ error: fixture.expect.error, message: expect.any(String) });
      if (fixture.expect.messageMentions) expect(body.message).toContain(fixture.expect.messageMentions);
      if (response.statusCode === 405) expect(response.headers?.Allow).toBe("POST");
    } else {
      expect(body.result).toBe(fixture.expect.result);
      // Adyen acknowledgement: its NotificationResponse field must say [accepted].
      if (fixture.signing?.provider === "adyen") expect(body.notificationResponse).toBe("[accepted]");
    }
    if (fixture.expect.storedPaymentIdPrefix !== undefined) {
      const items = await table.scanAll();
      // One EVENT item (the IDENTITY item written in the same transaction carries the id too).
      const mine = items.filter((item) => item.eventId?.S === body.events[0].eventId && item.itemType?.S === "EVENT");
      expect(mine).toHaveLength(1);
      expect(mine[0].paymentId.S).toBe(`${fixture.expect.storedPaymentIdPrefix}${body.events[0].eventId}`);
    }
  });
});
