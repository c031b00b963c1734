/**
 * Identity-policy statements for using the stack's CMK through another AWS service. Services
 * that encrypt with a customer-managed key call KMS with the identity of whoever called them,
 * through their own endpoint (`kms:ViaService`) and in their own encryption context, so a
 * grant pinned to both lets a role use the key for that service's data and nothing else.
 */
import { allow, type PolicyStatement } from "./policy-document";

/**
 * What a caller of a CMK-encrypted DynamoDB table or stream needs: DynamoDB decrypts the table
 * key and asks for data keys as the caller, and describes the key
 * (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
 */
export const DYNAMODB_CALLER_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"] as const;

/** A stream reader only decrypts: records are written by DynamoDB itself. */
export const DYNAMODB_STREAM_READER_KEY_ACTIONS = ["kms:Decrypt"] as const;

/**
 * What a producer to a CMK-encrypted SQS queue needs: SQS asks for a data key and decrypts it
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
 */
export const SQS_PRODUCER_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

function arnParts(arn: string): ArnParts {
  const [prefix, partition, service, region, account, ...rest] = arn.split(":");
  if (prefix !== "arn" || !partition || !service || !region || !account || rest.length === 0) {
    throw new Error(`${JSON.stringify(arn)} is not a regional ARN (arn:<partition>:<service>:<region>:<account>:<resource>).`);
  }
  return { partition, service, region, account, resource: rest.join(":") };
}

/**
 * The key, only through DynamoDB in the table's account and region and only in the table's
 * encryption context (`aws:dynamodb:tableName`). `tableOrStreamArn` is the table's ARN or one of
 * its stream ARNs (`.../table/<name>/stream/<label>`).
 */
export function tableKeyThroughDynamoDb(tableOrStreamArn: string, kmsKeyArn: string, actions: readonly string[], sid: string): PolicyStatement {
  const { service, region, account, resource } = arnParts(tableOrStreamArn);
  const tableName = /^table\/([^/]+)/.exec(resource)?.[1];
  if (service !== "dynamodb" || !tableName) throw new Error(`${JSON.stringify(tableOrStreamArn)} is not a DynamoDB table or stream ARN.`);
  return {
    ...allow([...actions], [kmsKeyArn], sid),
    Condition: {
      StringEquals: {
        "kms:ViaService": `dynamodb.${region}.amazonaws.com`,
        "kms:CallerAccount": account,
        "kms:EncryptionContext:aws:dynamodb:tableName": tableName,
      },
    },
  };
}

/** The key, only through SQS and only for the one queue (`aws:sqs:arn` is the queue's ARN). */
export function queueKeyThroughSqs(queueArn: string, kmsKeyArn: string, sid: string): PolicyStatement {
  const { service, region, account } = arnParts(queueArn);
  if (service !== "sqs") throw new Error(`${JSON.stringify(queueArn)} is not an SQS queue ARN.`);
  return {
    ...allow([...SQS_PRODUCER_KEY_ACTIONS], [kmsKeyArn], sid),
    Condition: {
      StringEquals: { "kms:ViaService": `sqs.${region}.amazonaws.com`, "kms:CallerAccount": account, "kms:EncryptionContext:aws:sqs:arn": queueArn },
    },
  };
}
