/**
 * AWS-managed policies whose documents allow wildcard actions, so attaching one breaks "no
 * wildcard action in any policy" as surely as writing the wildcard by hand.
 *
 * No package on the npm registry the project uses ships the documents offline as a maintained
 * dependency of ours, so this is a dated list. Source: the AWS Managed Policy Reference Guide,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<PolicyName>.html (each
 * policy's JSON document), reviewed 2026-12-03. `wildcards` quotes some of the wildcard actions
 * each document allows (not all: ReadOnlyAccess alone has hundreds). Policies not listed here
 * are still reported by `iam-no-aws-managed-policies` (advisory).
 */
export const AWS_MANAGED_POLICIES_REVIEWED_ON = "2026-12-03";

export const WILDCARD_MANAGED_POLICIES: Record<string, string[]> = {
  AdministratorAccess: ["*"],
  PowerUserAccess: ["NotAction: iam:*, organizations:*, account:* (allows every other action)"],
  ReadOnlyAccess: ["s3:Get*", "dynamodb:Describe*", "kms:List*"],
  IAMFullAccess: ["iam:*"],
  AmazonS3FullAccess: ["s3:*", "s3-object-lambda:*"],
  AmazonS3ReadOnlyAccess: ["s3:Get*", "s3:List*"],
  AmazonDynamoDBFullAccess: ["dynamodb:*", "dax:*"],
  AmazonDynamoDBReadOnlyAccess: ["dynamodb:Describe*", "dynamodb:List*"],
  AmazonSQSFullAccess: ["sqs:*"],
  AmazonSNSFullAccess: ["sns:*"],
  AWSLambda_FullAccess: ["lambda:*"],
  AWSLambdaExecute: ["logs:*"],
  CloudWatchFullAccess: ["cloudwatch:*", "logs:*", "sns:*"],
  CloudWatchLogsFullAccess: ["logs:*"],
  CloudWatchReadOnlyAccess: ["cloudwatch:Describe*", "cloudwatch:Get*", "logs:Get*"],
  AWSStepFunctionsFullAccess: ["states:*"],
  AmazonEventBridgeFullAccess: ["events:*", "schemas:*", "scheduler:*", "pipes:*"],
  AmazonKinesisFullAccess: ["kinesis:*"],
  SecretsManagerReadWrite: ["secretsmanager:*"],
  AmazonAPIGatewayAdministrator: ["apigateway:*"],
  AmazonEC2FullAccess: ["ec2:*", "elasticloadbalancing:*", "autoscaling:*"],
  AWSXrayFullAccess: ["xray:*"],
  AWSKeyManagementServicePowerUser: ["kms:Create*", "kms:Describe*", "kms:Get*", "kms:List*"],
};

/** `arn:<partition>:iam::aws:policy[/path]/<Name>` → `<Name>`, for AWS-managed policy ARNs only. */
export function awsManagedPolicyName(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  return /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}
