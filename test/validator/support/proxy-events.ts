/** API Gateway REST proxy events as the validator's two resources receive them. */
import type { APIGatewayProxyEvent } from "aws-lambda";

export function proxyEvent(options: {
  provider?: string;
  body: string | null;
  headers?: Record<string, string>;
  method?: string;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEvent {
  const path = options.provider === undefined ? "/webhooks" : `/webhooks/${options.provider}`;
  return {
    resource: options.provider === undefined ? "/webhooks" : "/webhooks/{provider}",
    path,
    httpMethod: options.method ?? "POST",
    headers: options.headers ?? {},
    multiValueHeaders: Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: options.provider === undefined ? null : { provider: options.provider },
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      domainName: "hooks.example.test",
      httpMethod: options.method ?? "POST",
      path: `/prod${path}`,
      protocol: "HTTP/1.1",
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      requestTimeEpoch: 1_732_000_000_000,
      resourceId: "abc123",
      resourcePath: options.provider === undefined ? "/webhooks" : "/webhooks/{provider}",
      stage: "prod",
    } as APIGatewayProxyEvent["requestContext"],
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}
