/**
 * Translates a Node HTTP request into the event API Gateway (REST API, Lambda proxy
 * integration) gives the validator, and the handler's result back into an HTTP response.
 *
 * What API Gateway does and we mirror: header names keep the casing the client sent;
 * `headers` holds the last value of each header and `multiValueHeaders` all of them; a body
 * that is not valid UTF-8 (or is declared binary) arrives base64-encoded with
 * `isBase64Encoded: true`; `requestContext.path` carries the stage prefix; query strings in
 * both single and multi-value maps, `null` when absent.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export interface Route {
  resource: "/webhooks" | "/webhooks/{provider}";
  pathParameters: { provider: string } | null;
}

/** The two resources the stack's REST API declares; anything else is not routed. */
export function matchWebhookRoute(pathname: string): Route | undefined {
  if (pathname === "/webhooks" || pathname === "/webhooks/") return { resource: "/webhooks", pathParameters: null };
  const match = /^\/webhooks\/([^/]+)\/?$/.exec(pathname);
  if (!match) return undefined;
  return { resource: "/webhooks/{provider}", pathParameters: { provider: decodedSegment(match[1]!) } };
}

/**
 * A malformed percent-escape (`%ZZ`) is the client's error, not the gateway's: the segment is
 * passed on as sent, names no provider, and the validator answers 404 unknown_provider.
 */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const BINARY_MEDIA_TYPES = ["application/octet-stream"];

export interface ProxyEventContext {
  stage: string;
  accountId: string;
  body: Buffer;
  now?: Date;
  requestId?: string;
}

export function toProxyEvent(request: IncomingMessage, route: Route, context: ProxyEventContext): APIGatewayProxyEvent {
  const url = new URL(request.url ?? "/", "http://local");
  const { headers, multiValueHeaders } = headerMaps(request.rawHeaders);
  const contentType = (findHeader(headers, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const { body, isBase64Encoded } = encodeBody(context.body, BINARY_MEDIA_TYPES.includes(contentType));
  const query = queryMaps(url.searchParams);
  const now = context.now ?? new Date();
  const host = findHeader(headers, "host") ?? "localhost";
  const requestId = context.requestId ?? randomUUID();

  return {
    resource: route.resource,
    path: url.pathname,
    httpMethod: request.method ?? "GET",
    headers,
    multiValueHeaders,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: route.pathParameters,
    stageVariables: null,
    body,
    isBase64Encoded,
    requestContext: {
      accountId: context.accountId,
      apiId: "local",
      authorizer: null,
      domainName: host,
      domainPrefix: host.split(".")[0]!.split(":")[0]!,
      extendedRequestId: requestId,
      httpMethod: request.method ?? "GET",
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        user: null,
        userAgent: findHeader(headers, "user-agent") ?? null,
        userArn: null,
      },
      path: `/${context.stage}${url.pathname}`,
      protocol: `HTTP/${request.httpVersion}`,
      requestId,
      requestTime: now.toISOString(),
      requestTimeEpoch: now.getTime(),
      resourceId: "local",
      resourcePath: route.resource,
      stage: context.stage,
    },
  };
}

function headerMaps(rawHeaders: string[]): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    // Keep the casing the client used first for this header name.
    const key = Object.keys(multiValueHeaders).find((existing) => existing.toLowerCase() === name.toLowerCase()) ?? name;
    (multiValueHeaders[key] ??= []).push(value);
    headers[key] = value;
  }
  return { headers, multiValueHeaders };
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function encodeBody(raw: Buffer, declaredBinary: boolean): { body: string | null; isBase64Encoded: boolean } {
  if (raw.length === 0) return { body: null, isBase64Encoded: false };
  const text = raw.toString("utf8");
  // Invalid UTF-8 does not survive a decode/encode round trip.
  if (!declaredBinary && Buffer.from(text, "utf8").equals(raw)) return { body: text, isBase64Encoded: false };
  return { body: raw.toString("base64"), isBase64Encoded: true };
}

function queryMaps(params: URLSearchParams): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of params) {
    (multi[name] ??= []).push(value);
    single[name] = value;
  }
  return Object.keys(multi).length === 0 ? { single: null, multi: null } : { single, multi };
}

/** Headers and body of the HTTP response for a proxy-integration result. */
export function fromProxyResult(result: APIGatewayProxyResult): { statusCode: number; headers: Record<string, string | string[]>; body: Buffer } {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values.map(String);
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : Buffer.from(result.body ?? "", "utf8");
  return { statusCode: result.statusCode, headers, body };
}
