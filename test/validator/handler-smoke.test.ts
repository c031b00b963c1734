import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { loadHandler } from "./support/load-handler";
import { referenceSign } from "./support/reference-signers";
import { TEST_SECRETS, validatorEnvironment } from "./support/test-secrets";

let table: DynaliteEventTable;
beforeAll(async () => {
  table = await startDynaliteEventTable();
});
afterAll(async () => table.stop());

function proxyEvent(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    httpMethod: "POST",
    path: "/webhooks/stripe",
    resource: "/webhooks/{provider}",
    pathParameters: { provider: "stripe" },
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: "req-1", domainName: "hooks.example.test", path: "/prod/webhooks/stripe" } as APIGatewayProxyEvent["requestContext"],
    ...overrides,
  };
}

it("stores a signed Stripe event through the real handler, then answers duplicate", async () => {
  const handler = loadHandler(validatorEnvironment(table.endpoint, table.tableName));
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: "evt_smoke_1",
    type: "payment_intent.succeeded",
    created: 1_700_000_000,
    data: { object: { id: "pi_smoke", object: "payment_intent", amount: 1999, currency: "eur" } },
  });
  const event = proxyEvent({ body, headers: { "Stripe-Signature": referenceSign.stripe(body, TEST_SECRETS.stripe[0], now) } });

  const first = await handler(event);
  expect(first.statusCode).toBe(200);
  expect(JSON.parse(first.body)).toMatchObject({ result: "stored" });

  const second = await handler(event);
  expect(second.statusCode).toBe(200);
  expect(JSON.parse(second.body)).toMatchObject({ result: "duplicate" });

  const stored = await table.client.send(
    new GetItemCommand({
      TableName: table.tableName,
      Key: { paymentId: { S: "pi_smoke" }, timestamp: { S: "2023-11-14T22:13:20.000Z#evt_smoke_1" } },
    }),
  );
  expect(stored.Item?.status).toEqual({ S: "SUCCEEDED" });
});
