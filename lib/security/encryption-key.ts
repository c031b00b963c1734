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
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { DYNAMODB_CALLER_KEY_ACTIONS } from "./key-use-grants";
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

export { DYNAMODB_CALLER_KEY_ACTIONS } from "./key-use-grants";

/** EventBridge delivering to an SQS queue encrypted with this key. */
export const EVENTBRIDGE_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

export interface KeyPolicyParams extends KeyPolicyContext {
  /** Execution roles of the Lambda functions whose environment variables the key encrypts. */
  lambdaRoleArns: string[];
  /** Statements other components need for services that use the key as themselves (e.g. eventingKeyPolicyStatements). */
  extraStatements?: PolicyStatement[];
}

/** Account facts a key-policy statement may need; passed to EncryptionKeyArgs.extraStatements. */
export interface KeyPolicyContext {
  partition: string;
  accountId: string;
  region: string;
  /** The suffix every physical name of the stack ends with, to scope grants to this stack's resources. */
  environmentSuffix: string;
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
  const { partition, accountId, region, environmentSuffix } = params;
  // Every physical name of the stack ends in "-<suffix>" (contract/naming.ts).
  const ofThisStack = `*-${environmentSuffix}`;
  const accountRoot = `arn:${partition}:iam::${accountId}:root`;
  if (params.lambdaRoleArns.length === 0) throw new Error("encryptionKeyPolicy needs the Lambda execution role ARNs.");
  const statements = [
    keyPolicyStatement("AccountAdministersKey", { AWS: accountRoot }, KEY_ADMINISTRATION_ACTIONS),
    // Lets IAM policies in this account grant use of the key (pipe, workflow and deployer roles).
    keyPolicyStatement("AccountUsesKeyThroughIamPolicies", { AWS: accountRoot }, KEY_USE_ACTIONS),
    // Lambda decrypts environment variables with the execution role's identity, in the
    // function's encryption context (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html).
    keyPolicyStatement("LambdaRolesDecryptEnvironment", { AWS: [...params.lambdaRoleArns] }, ["kms:Decrypt"], {
      StringLike: { "kms:EncryptionContext:LambdaFunctionName": ofThisStack },
    }),
    // Table callers, only through DynamoDB in this account and region, for this stack's tables
    // (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
    keyPolicyStatement("LambdaRolesUseTableThroughDynamoDb", { AWS: [...params.lambdaRoleArns] }, DYNAMODB_CALLER_KEY_ACTIONS, {
      StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com`, "kms:CallerAccount": accountId },
      StringLike: { "kms:EncryptionContext:aws:dynamodb:tableName": ofThisStack },
    }),
    // CloudWatch Logs encrypts log groups of this account and region only.
    keyPolicyStatement("CloudWatchLogsEncryptsLogGroups", { Service: `logs.${region}.amazonaws.com` }, KEY_USE_ACTIONS, {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
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
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** Lambda execution roles (created before the key, without policies). */
  lambdaRoleArns: pulumi.Input<string>[];
  /** Statements for services other components let use the key as themselves (alarms -> SNS, log delivery). */
  extraStatements?: (context: KeyPolicyContext) => PolicyStatement[];
}

/** Checks every argument, throwing a message that names it. */
export function checkEncryptionKeyArgs(args: EncryptionKeyArgs): EncryptionKeyArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  // Without them Lambda could not decrypt its environment: every cold start would fail.
  if (args.lambdaRoleArns.length === 0) throw new Error("EncryptionKey.lambdaRoleArns must name at least one Lambda execution role; got none.");
  return args;
}

export class EncryptionKey extends pulumi.ComponentResource {
  public readonly keyArn: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;
  /** `alias/payment-webhooks-<suffix>`. */
  public readonly aliasName: pulumi.Output<string>;

  constructor(name: string, rawArgs: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkEncryptionKeyArgs(rawArgs);
    super("payments:security:EncryptionKey", name, {}, opts);
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });

    const policy = pulumi
      .all([partition.partition, identity.accountId, region.region, pulumi.output(args.lambdaRoleArns)])
      .apply(([partitionName, accountId, regionName, lambdaRoleArns]) => {
        const context: KeyPolicyContext = { partition: partitionName, accountId, region: regionName, environmentSuffix: args.environmentSuffix };
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
