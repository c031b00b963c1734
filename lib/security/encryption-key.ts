/**
 * The stack's customer-managed KMS key: Lambda environment variables, the event table, every
 * log group and the encrypted DLQs use it. The key policy lists explicit actions only (no
 * `kms:*`, no `kms:Verb*`); in a key policy `Resource: "*"` means "this key".
 *
 * Order matters: the Lambda roles are created first (without policies) because the key policy
 * names them, and role policies are attached after the key exists (lib/functions/payment-function.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../contract/naming";
import { assertExplicitAction, type PolicyDocument, type PolicyStatement } from "./policy-document";

/** Key rotation yearly (the KMS default period) and the shortest deletion window KMS allows. */
export const KEY_DELETION_WINDOW_DAYS = 7;
export const KEY_ROTATION_PERIOD_DAYS = 365;

/** Managing the key (never using it): the account root, so IAM policies decide who administers. */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:UpdateAlias",
  "kms:DescribeKey",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:GetKeyRotationStatus",
  "kms:ListKeyRotations",
  "kms:RotateKeyOnDemand",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:ListKeyPolicies",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:CreateGrant",
  "kms:ListGrants",
  "kms:RevokeGrant",
  "kms:RetireGrant",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
] as const;

/** Cryptographic use of a symmetric key, spelled out instead of `kms:Encrypt*` / `kms:GenerateDataKey*`. */
export const KEY_USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:DescribeKey",
] as const;

/** What a DynamoDB caller needs on a table encrypted with this key (DynamoDB calls KMS on its behalf). */
export const DYNAMODB_CALLER_KEY_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"] as const;

/** EventBridge delivering to an SQS queue encrypted with this key. */
export const EVENTBRIDGE_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

export interface KeyPolicyParams extends KeyPolicyContext {
  /** Execution roles of the Lambda functions whose environment variables the key encrypts. */
  lambdaRoleArns: string[];
  /** Statements other components need for services that use the key as themselves (e.g. eventing-key-grants.ts). */
  extraStatements?: PolicyStatement[];
}

/** Account facts a key-policy statement may need; passed to EncryptionKeyArgs.extraStatements. */
export interface KeyPolicyContext {
  partition: string;
  accountId: string;
  region: string;
}

/** One key-policy statement: explicit actions, a principal, and `Resource: "*"` (= this key). */
export function keyPolicyStatement(
  sid: string,
  principal: Record<string, string | string[]>,
  actions: readonly string[],
  condition?: PolicyStatement["Condition"],
): PolicyStatement {
  actions.forEach(assertExplicitAction);
  return { Sid: sid, Effect: "Allow", Principal: principal, Action: [...actions], Resource: "*", ...(condition ? { Condition: condition } : {}) };
}

/** The key policy; pure so tests read exactly what AWS receives. */
export function encryptionKeyPolicy(params: KeyPolicyParams): PolicyDocument {
  const { partition, accountId, region } = params;
  const accountRoot = `arn:${partition}:iam::${accountId}:root`;
  if (params.lambdaRoleArns.length === 0) throw new Error("encryptionKeyPolicy needs the Lambda execution role ARNs.");
  const statements = [
    keyPolicyStatement("AccountAdministersKey", { AWS: accountRoot }, KEY_ADMINISTRATION_ACTIONS),
    // Lets IAM policies in this account grant use of the key (pipe, workflow and deployer roles).
    keyPolicyStatement("AccountUsesKeyThroughIamPolicies", { AWS: accountRoot }, KEY_USE_ACTIONS),
    // Lambda decrypts environment variables with the execution role's identity.
    keyPolicyStatement("LambdaRolesDecryptEnvironment", { AWS: [...params.lambdaRoleArns] }, ["kms:Decrypt"]),
    // Table callers, only through DynamoDB in this account and region.
    keyPolicyStatement("LambdaRolesUseTableThroughDynamoDb", { AWS: [...params.lambdaRoleArns] }, DYNAMODB_CALLER_KEY_ACTIONS, {
      StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com`, "kms:CallerAccount": accountId },
    }),
    // CloudWatch Logs encrypts log groups of this account and region only.
    keyPolicyStatement("CloudWatchLogsEncryptsLogGroups", { Service: `logs.${region}.amazonaws.com` }, KEY_USE_ACTIONS, {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
    }),
    // EventBridge sends undeliverable rule-target events to the encrypted SQS DLQ.
    keyPolicyStatement("EventBridgeWritesEncryptedDlq", { Service: "events.amazonaws.com" }, EVENTBRIDGE_KEY_ACTIONS, {
      StringEquals: { "aws:SourceAccount": accountId },
    }),
    ...(params.extraStatements ?? []),
  ];
  const sids = statements.map((statement) => statement.Sid);
  const duplicate = sids.find((sid, index) => sids.indexOf(sid) !== index);
  if (duplicate) throw new Error(`Key policy statement Sid ${duplicate} is used twice.`);
  statements.forEach((statement) => {
    if (statement.Effect !== "Allow" || !statement.Principal || statement.Action.length === 0) {
      throw new Error(`Key policy statement ${statement.Sid ?? "(no Sid)"} must be an Allow with a principal and explicit actions.`);
    }
    statement.Action.forEach(assertExplicitAction);
  });
  return { Version: "2012-10-17", Statement: statements };
}

export interface EncryptionKeyArgs {
  environmentSuffix: string;
  /** Lambda execution roles (created before the key, without policies). */
  lambdaRoleArns: pulumi.Input<string>[];
  /** Statements for services other components let use the key as themselves (alarms -> SNS, log delivery). */
  extraStatements?: (context: KeyPolicyContext) => PolicyStatement[];
}

export class EncryptionKey extends pulumi.ComponentResource {
  public readonly keyArn: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;
  /** `alias/payment-webhooks-<suffix>`. */
  public readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payments:security:EncryptionKey", name, {}, opts);
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });

    const policy = pulumi
      .all([partition.partition, identity.accountId, region.region, pulumi.output(args.lambdaRoleArns)])
      .apply(([partitionName, accountId, regionName, lambdaRoleArns]) => {
        const context: KeyPolicyContext = { partition: partitionName, accountId, region: regionName };
        const extraStatements = args.extraStatements?.(context) ?? [];
        return JSON.stringify(encryptionKeyPolicy({ ...context, lambdaRoleArns, extraStatements }));
      });

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `payment-webhooks ${args.environmentSuffix}: Lambda environment, event table, logs and DLQs`,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        enableKeyRotation: true,
        rotationPeriodInDays: KEY_ROTATION_PERIOD_DAYS,
        deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
        bypassPolicyLockoutSafetyCheck: false,
        policy,
      },
      { parent: this },
    );

    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: `alias/${physicalName("payment-webhooks", args.environmentSuffix)}`, targetKeyId: key.keyId },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}
