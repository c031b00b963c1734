/**
 * The account-level API Gateway setting that lets API Gateway write execution logs to
 * CloudWatch. There is ONE per account and region: a second stack managing it would overwrite
 * the first's role, so it is created only when `manageApiGatewayAccount` is true.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { allow, allowOnAnyResource, assumeRolePolicy, policyJson, type PolicyStatement } from "../security/policy-document";

/** Logs actions API Gateway needs to create and write its execution log groups (AmazonAPIGatewayPushToCloudWatchLogs, minus reads). */
export function apiGatewayLoggingStatements(partition: string, region: string, accountId: string): PolicyStatement[] {
  const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:*`;
  return [
    // Account-wide by nature: the setting serves every REST API of the account in this region.
    // Each action on the resource type the Service Authorization Reference gives it
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
    allow(["logs:CreateLogGroup", "logs:DescribeLogStreams"], [logGroups], "FindOrCreateLogGroups"),
    allow(["logs:CreateLogStream", "logs:PutLogEvents"], [`${logGroups}:log-stream:*`], "WriteExecutionLogs"),
    // DescribeLogGroups has no resource-level permission.
    allowOnAnyResource(["logs:DescribeLogGroups"], "FindExecutionLogGroups"),
  ];
}

export interface ApiGatewayAccountArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
}

/** Checks every argument, throwing a message that names it. */
export function checkApiGatewayAccountArgs(args: ApiGatewayAccountArgs): ApiGatewayAccountArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  return args;
}

export class ApiGatewayAccount extends pulumi.ComponentResource {
  public readonly cloudwatchRoleArn: pulumi.Output<string>;

  constructor(name: string, rawArgs: ApiGatewayAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkApiGatewayAccountArgs(rawArgs);
    super("payments:api:ApiGatewayAccount", name, {}, opts);
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: physicalName("apigateway-cloudwatch-role", args.environmentSuffix),
        description: "Lets API Gateway write execution logs for this account and region.",
        assumeRolePolicy: identity.accountId.apply((accountId) =>
          assumeRolePolicy("apigateway.amazonaws.com", { StringEquals: { "aws:SourceAccount": accountId } }),
        ),
      },
      { parent: this },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        name: physicalName("apigateway-cloudwatch-access", args.environmentSuffix),
        role: role.name,
        policy: policyJson(
          pulumi.all([partition.partition, region.region, identity.accountId]).apply(([p, r, a]) => apiGatewayLoggingStatements(p, r, a)),
        ),
      },
      { parent: this },
    );
    const account = new aws.apigateway.Account(`${name}-settings`, { cloudwatchRoleArn: role.arn }, { parent: this, dependsOn: [rolePolicy] });

    this.cloudwatchRoleArn = account.cloudwatchRoleArn;
    this.registerOutputs({ cloudwatchRoleArn: this.cloudwatchRoleArn });
  }
}
