/**
 * The local API Gateway: an HTTP server exposing the stack's two resources, `POST /webhooks`
 * and `POST /webhooks/{provider}`, that hands every request to the real validator handler as
 * an API Gateway REST proxy event. Like API Gateway it answers unknown resources itself (403
 * "Missing Authentication Token") and refuses bodies over 10 MB (413) without calling Lambda.
 * With a token bucket it throttles like the stage (429 before Lambda is called), and a throttled
 * Lambda invocation becomes the 500 API Gateway answers for it.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyResult, Context } from "aws-lambda";
import type { ApiGatewayHandler } from "../../lambda/webhook-validator/http/api-gateway-handler";
import { LambdaThrottledError } from "../limits/reserved-concurrency";
import type { TokenBucket } from "../limits/token-bucket";
import { fromProxyResult, matchWebhookRoute, toProxyEvent } from "./proxy-event";

/** API Gateway's payload limit. */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface WebhookApiOptions {
  handler: ApiGatewayHandler;
  port: number;
  /** @default "127.0.0.1" */
  host?: string;
  stage?: string;
  accountId: string;
  /** The stage's rate and burst limits; absent: no throttling. */
  throttle?: TokenBucket;
  /** Told about every request routed to the handler, with the result and the time it took. */
  onExchange?: (exchange: ApiExchange) => void;
  /** Told about each request the stage's throttling refused (429). */
  onThrottled?: () => void;
}

export interface ApiExchange {
  requestId: string;
  provider: string | undefined;
  receivedAt: number;
  respondedAt: number;
  statusCode: number;
  responseBody: string;
}

export interface RunningWebhookApi {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startWebhookApi(options: WebhookApiOptions): Promise<RunningWebhookApi> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      // A handler crash is Lambda's "Internal server error" 502 in API Gateway.
      console.error(`local API: handler failed: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 502, { message: "Internal server error" });
    });
  });
  await listen(server, options.port, options.host ?? "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is in use: set PORT to a free port.`, { cause: error }) : error),
    );
    server.listen(port, host, () => resolve());
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, options: WebhookApiOptions): Promise<void> {
  const receivedAt = Date.now();
  const route = matchWebhookRoute(new URL(request.url ?? "/", "http://local").pathname);
  if (!route) {
    request.resume();
    sendJson(response, 403, { message: "Missing Authentication Token" });
    return;
  }
  if (options.throttle && !options.throttle.tryTake()) {
    request.resume();
    // API Gateway's throttled answer (gateway response THROTTLED), before any Lambda is invoked.
    sendJson(response, 429, { message: "Too Many Requests" }, { "x-amzn-ErrorType": "TooManyRequestsException" });
    options.onThrottled?.();
    return;
  }
  const body = await readBody(request, API_GATEWAY_MAX_BODY_BYTES);
  if (body === "too-large") {
    sendJson(response, 413, { message: "Request Too Long" });
    return;
  }
  const requestId = randomUUID();
  const event = toProxyEvent(request, route, { stage: options.stage ?? "local", accountId: options.accountId, body, requestId });
  let result: APIGatewayProxyResult;
  try {
    result = await options.handler(event, lambdaContext(requestId));
  } catch (error) {
    if (!(error instanceof LambdaThrottledError)) throw error;
    // A proxy integration cannot pass Lambda's 429 on: API Gateway answers 500 (AWS Lambda
    // Developer Guide, "Handling Lambda errors with an API Gateway API"). Providers redeliver on 5xx.
    sendJson(response, 500, { message: "Internal server error" }, { "x-amzn-ErrorType": "InternalServerErrorException", "x-amzn-RequestId": requestId });
    return;
  }
  const { statusCode, headers, body: responseBody } = fromProxyResult(result);
  response.writeHead(statusCode, { ...headers, "x-amzn-RequestId": requestId });
  response.end(responseBody);
  options.onExchange?.({
    requestId,
    provider: route.pathParameters?.provider,
    receivedAt,
    respondedAt: Date.now(),
    statusCode,
    responseBody: responseBody.toString("utf8"),
  });
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(statusCode, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function lambdaContext(requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "webhook-validator-local",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:webhook-validator-local",
    memoryLimitInMB: "256",
    awsRequestId: requestId,
    logGroupName: "/aws/lambda/webhook-validator-local",
    logStreamName: "local",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
