/** The local API Gateway: request → REST proxy event translation, and what it answers itself. */
import { request } from "node:http";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { startWebhookApi, type RunningWebhookApi } from "../../local/api/webhook-api-server";

let api: RunningWebhookApi;
const seen: APIGatewayProxyEvent[] = [];

beforeAll(async () => {
  api = await startWebhookApi({
    port: 0,
    accountId: "000000000000",
    handler: async (event) => {
      seen.push(event);
      return { statusCode: 201, headers: { "X-Echo": "1" }, body: JSON.stringify({ ok: true }) };
    },
  });
});
afterAll(() => api.stop());
beforeEach(() => (seen.length = 0));

/** Raw HTTP so header casing and repeated headers go out exactly as written. */
function send(path: string, body: Buffer, rawHeaders: Array<[string, string]>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: api.port, method: "POST", path, setHost: true }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    for (const [name, value] of rawHeaders) req.appendHeader(name, value);
    req.on("error", reject);
    req.end(body);
  });
}

describe("local webhook API", () => {
  it("turns POST /webhooks/{provider} into a REST proxy event with the client's header casing and multi-value headers", async () => {
    const response = await send("/webhooks/stripe?attempt=1&attempt=2", Buffer.from('{"a":1}'), [
      ["Stripe-Signature", "t=1,v1=abc"],
      ["X-Forwarded-For", "10.0.0.1"],
      ["x-forwarded-for", "10.0.0.2"],
      ["Content-Type", "application/json"],
    ]);
    expect(response.status).toBe(201);
    expect(response.headers["x-echo"]).toBe("1");
    const [event] = seen;
    expect(event).toMatchObject({
      resource: "/webhooks/{provider}",
      path: "/webhooks/stripe",
      httpMethod: "POST",
      pathParameters: { provider: "stripe" },
      body: '{"a":1}',
      isBase64Encoded: false,
      queryStringParameters: { attempt: "2" },
      multiValueQueryStringParameters: { attempt: ["1", "2"] },
      requestContext: { path: "/local/webhooks/stripe", stage: "local", resourcePath: "/webhooks/{provider}", httpMethod: "POST" },
    });
    expect(event!.headers["Stripe-Signature"]).toBe("t=1,v1=abc");
    expect(event!.headers["X-Forwarded-For"]).toBe("10.0.0.2");
    expect(event!.multiValueHeaders["X-Forwarded-For"]).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(event!.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event!.requestContext.domainName).toBe(`127.0.0.1:${api.port}`);
  });

  it("POST /webhooks has no path parameters", async () => {
    await send("/webhooks", Buffer.from("{}"), [["Content-Type", "application/json"]]);
    expect(seen[0]).toMatchObject({ resource: "/webhooks", pathParameters: null, queryStringParameters: null });
  });

  it("base64-encodes a body that is not valid UTF-8, byte for byte", async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    await send("/webhooks/generic", bytes, [["Content-Type", "application/json"]]);
    expect(seen[0]!.isBase64Encoded).toBe(true);
    expect(Buffer.from(seen[0]!.body!, "base64").equals(bytes)).toBe(true);
  });

  it("refuses bodies over API Gateway's 10 MB limit with 413, without calling the handler", async () => {
    const response = await send("/webhooks/stripe", Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), [["Content-Type", "application/json"]]);
    expect(response.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("answers unknown resources itself, like API Gateway, without calling the handler", async () => {
    const response = await send("/payments", Buffer.from("{}"), []);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ message: "Missing Authentication Token" });
    expect(seen).toEqual([]);
  });
});
