/**
 * The public edge: a regional REST API with `POST /webhooks` and `POST /webhooks/{provider}`,
 * both proxied (AWS_PROXY) to the validator, which answers every status itself. The stage
 * traces with X-Ray, writes JSON access logs to a CMK-encrypted log group and is throttled.
 *
 * No API Gateway authorizer: providers authenticate with HMAC signatures over the raw body,
 * which only the validator can check (it fails closed without a secret).
 */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MAX_API_BURST_LIMIT, MAX_API_RATE_LIMIT, type ApiThrottling } from "../config";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { assertIntegerInRange, assertLogRetentionDays } from "../support/component-args";

export const WEBHOOKS_PATH = "webhooks";
export const PROVIDER_PATH_PARAMETER = "provider";

/**
 * Access log line: enough to trace one delivery end to end (request id, X-Ray trace id) and
 * to see who sent what and how it went, but no headers or body (they carry signatures).
 */
export const ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = Object.freeze({
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  path: "$context.path",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integration.latency",
  integrationStatus: "$context.integration.status",
  errorMessage: "$context.error.message",
  xrayTraceId: "$context.xrayTraceId",
});

/** `source-arn` patterns allowed to invoke the validator: this API, any stage, POST on our two paths. */
export function validatorInvokeSourceArns(executionArn: string): { webhooks: string; byProvider: string } {
  return { webhooks: `${executionArn}/*/POST/${WEBHOOKS_PATH}`, byProvider: `${executionArn}/*/POST/${WEBHOOKS_PATH}/*` };
}

/** Redeployment trigger: changes whenever a route or its integration changes. */
export function apiDefinitionHash(definition: unknown): string {
  return createHash("sha256").update(JSON.stringify(definition)).digest("hex");
}

export interface WebhookApiArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries; also the stage name. */
  environmentSuffix: string;
  validatorFunctionName: pulumi.Input<string>;
  validatorInvokeArn: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  /** Days CloudWatch keeps access and execution logs; one of CLOUDWATCH_LOG_RETENTION_DAYS. */
  logRetentionDays: number;
  throttling: ApiThrottling;
  /**
   * The account's API Gateway CloudWatch role setting, when this stack manages it. Stage logging
   * fails without one, so the stage waits for it.
   */
  accountSettings?: pulumi.Resource;
}

/** Checks every argument, throwing a message that names it. */
export function checkWebhookApiArgs(args: WebhookApiArgs): WebhookApiArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  assertLogRetentionDays("WebhookApi.logRetentionDays", args.logRetentionDays);
  assertIntegerInRange("WebhookApi.throttling.rateLimit", args.throttling.rateLimit, 1, MAX_API_RATE_LIMIT);
  assertIntegerInRange("WebhookApi.throttling.burstLimit", args.throttling.burstLimit, 1, MAX_API_BURST_LIMIT);
  return args;
}

export class WebhookApi extends pulumi.ComponentResource {
  public readonly restApiId: pulumi.Output<string>;
  public readonly restApiName: pulumi.Output<string>;
  public readonly stageName: pulumi.Output<string>;
  /** `https://<id>.execute-api.<region>.amazonaws.com/<stage>/webhooks`. */
  public readonly webhooksUrl: pulumi.Output<string>;
  public readonly accessLogGroupName: pulumi.Output<string>;

  constructor(name: string, rawArgs: WebhookApiArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkWebhookApiArgs(rawArgs);
    super("payments:api:WebhookApi", name, {}, opts);
    const suffix = args.environmentSuffix;
    const apiName = physicalName("webhook-api", suffix);

    const api = new aws.apigateway.RestApi(
      `${name}-api`,
      {
        name: apiName,
        description: "Payment provider webhooks: POST /webhooks/{provider}",
        endpointConfiguration: { types: "REGIONAL" },
        // The validator reads raw bytes: binary bodies arrive base64-encoded with isBase64Encoded.
        binaryMediaTypes: ["application/octet-stream"],
      },
      { parent: this },
    );

    const webhooks = new aws.apigateway.Resource(
      `${name}-webhooks`,
      { restApi: api.id, parentId: api.rootResourceId, pathPart: WEBHOOKS_PATH },
      { parent: this },
    );
    const byProvider = new aws.apigateway.Resource(
      `${name}-webhooks-provider`,
      { restApi: api.id, parentId: webhooks.id, pathPart: `{${PROVIDER_PATH_PARAMETER}}` },
      { parent: this },
    );

    const routes = [
      { key: "webhooks", resource: webhooks, requestParameters: undefined },
      { key: "webhooks-provider", resource: byProvider, requestParameters: { [`method.request.path.${PROVIDER_PATH_PARAMETER}`]: true } },
    ].map(({ key, resource, requestParameters }) => {
      const method = new aws.apigateway.Method(
        `${name}-${key}-post`,
        { restApi: api.id, resourceId: resource.id, httpMethod: "POST", authorization: "NONE", requestParameters },
        { parent: this },
      );
      const integration = new aws.apigateway.Integration(
        `${name}-${key}-integration`,
        {
          restApi: api.id,
          resourceId: resource.id,
          httpMethod: method.httpMethod,
          type: "AWS_PROXY",
          // Lambda proxy integrations are always invoked with POST, whatever the client method.
          integrationHttpMethod: "POST",
          uri: args.validatorInvokeArn,
        },
        { parent: this },
      );
      return { key, resource, method, integration };
    });

    const invokePermissions = [
      { key: "webhooks", route: "webhooks" as const },
      { key: "webhooks-provider", route: "byProvider" as const },
    ];
    for (const { key, route } of invokePermissions) {
      new aws.lambda.Permission(
        `${name}-invoke-${key}`,
        {
          action: "lambda:InvokeFunction",
          function: args.validatorFunctionName,
          principal: "apigateway.amazonaws.com",
          statementId: physicalName(`webhook-api-invoke-${key}`, suffix),
          sourceArn: api.executionArn.apply((executionArn) => validatorInvokeSourceArns(executionArn)[route]),
        },
        { parent: this },
      );
    }

    const definition = pulumi
      .all(
        routes.map(({ key, resource, method, integration }) =>
          pulumi.all([resource.id, resource.pathPart, method.id, method.httpMethod, method.authorization, integration.id, integration.type, integration.uri]).apply(
            ([resourceId, pathPart, methodId, httpMethod, authorization, integrationId, type, uri]) => ({
              key,
              resourceId,
              pathPart,
              methodId,
              httpMethod,
              authorization,
              integrationId,
              type,
              uri,
            }),
          ),
        ),
      )
      .apply(apiDefinitionHash);

    const deployment = new aws.apigateway.Deployment(
      `${name}-deployment`,
      { restApi: api.id, description: `${apiName} routes`, triggers: { redeployment: definition } },
      { parent: this, dependsOn: routes.flatMap(({ method, integration }) => [method, integration]) },
    );

    const accessLogs = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: `/aws/apigateway/${apiName}/access`, retentionInDays: args.logRetentionDays, kmsKeyId: args.kmsKeyArn },
      { parent: this },
    );
    const stageName = suffix;
    // API Gateway would create this group itself, without retention or encryption; owning it sets both.
    const executionLogs = new aws.cloudwatch.LogGroup(
      `${name}-execution-logs`,
      {
        name: pulumi.interpolate`API-Gateway-Execution-Logs_${api.id}/${stageName}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.kmsKeyArn,
      },
      { parent: this },
    );

    const stage = new aws.apigateway.Stage(
      `${name}-stage`,
      {
        restApi: api.id,
        deployment: deployment.id,
        stageName,
        description: `${apiName} (${suffix})`,
        xrayTracingEnabled: true,
        accessLogSettings: { destinationArn: accessLogs.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
      },
      { parent: this, dependsOn: [executionLogs, ...(args.accountSettings ? [args.accountSettings] : [])] },
    );

    new aws.apigateway.MethodSettings(
      `${name}-method-settings`,
      {
        restApi: api.id,
        stageName: stage.stageName,
        methodPath: "*/*",
        settings: {
          metricsEnabled: true,
          // INFO execution logs, never data trace: it would log request bodies (payment data) and headers (signatures).
          loggingLevel: "INFO",
          dataTraceEnabled: false,
          throttlingRateLimit: args.throttling.rateLimit,
          throttlingBurstLimit: args.throttling.burstLimit,
        },
      },
      { parent: this },
    );

    this.restApiId = api.id;
    this.restApiName = api.name;
    this.stageName = stage.stageName;
    this.webhooksUrl = pulumi.interpolate`${stage.invokeUrl}/${WEBHOOKS_PATH}`;
    this.accessLogGroupName = accessLogs.name;
    this.registerOutputs({ restApiId: this.restApiId, stageName: this.stageName, webhooksUrl: this.webhooksUrl });
  }
}
