/**
 * The stack's pure builders without Pulumi: key policy, Lambda role statements, API Gateway
 * logging statements, invoke source ARNs, the redeployment hash and physical names.
 */
import * as fc from "fast-check";
import { apiGatewayLoggingStatements } from "../../lib/api/api-gateway-account";
import { ENVIRONMENT_SUFFIX_PATTERN, physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { encryptionKeyPolicy, keyPolicyStatement, type KeyPolicyParams } from "../../lib/security/encryption-key";
import { lambdaBaseStatements, processorAccessStatements, validatorAccessStatements } from "../../lib/security/lambda-role-policies";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS, type PolicyStatement } from "../../lib/security/policy-document";
import { apiDefinitionHash, validatorInvokeSourceArns } from "../../lib/api/webhook-api";

const accountId = fc.stringMatching(/^\d{12}$/);
const region = fc.constantFrom("us-east-1", "us-west-2", "eu-west-1");
const roleArn = fc.tuple(accountId, fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/)).map(([account, name]) => `arn:aws:iam::${account}:role/${name}`);
const keyParams: fc.Arbitrary<KeyPolicyParams> = fc.record({
  partition: fc.constantFrom("aws", "aws-us-gov"),
  accountId,
  region,
  environmentSuffix: fc.constantFrom("ci", "pr42"),
  lambdaRoleArns: fc.array(roleArn, { minLength: 1, maxLength: 3 }),
});

const actionsOf = (statements: PolicyStatement[]) => statements.flatMap((s) => s.Action);

describe("encryptionKeyPolicy", () => {
  it("only ever lists explicit KMS actions on the key itself, for named principals", () => {
    fc.assert(
      fc.property(keyParams, (params) => {
        const policy = encryptionKeyPolicy(params);
        for (const statement of policy.Statement) {
          expect(statement.Effect).toBe("Allow");
          expect(statement.Resource).toBe("*");
          for (const action of statement.Action) expect(action).toMatch(/^kms:[A-Za-z]+$/);
          expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
        }
      }),
    );
  });

  it("ties CloudWatch Logs and DynamoDB use to the given account and region", () => {
    fc.assert(
      fc.property(keyParams, (params) => {
        const bySid = new Map(encryptionKeyPolicy(params).Statement.map((s) => [s.Sid, s]));
        expect(bySid.get("CloudWatchLogsEncryptsLogGroups")?.Principal).toEqual({ Service: `logs.${params.region}.amazonaws.com` });
        expect(bySid.get("CloudWatchLogsEncryptsLogGroups")?.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"]).toBe(
          `arn:${params.partition}:logs:${params.region}:${params.accountId}:log-group:*`,
        );
        // DynamoDB calls KMS as the caller, through its endpoint, in the table's context
        // (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
        expect(bySid.get("LambdaRolesUseTableThroughDynamoDb")?.Condition).toEqual({
          StringEquals: { "kms:ViaService": `dynamodb.${params.region}.amazonaws.com`, "kms:CallerAccount": params.accountId },
          StringLike: { "kms:EncryptionContext:aws:dynamodb:tableName": `*-${params.environmentSuffix}` },
        });
        expect(bySid.get("LambdaRolesDecryptEnvironment")?.Principal).toEqual({ AWS: params.lambdaRoleArns });
        expect(bySid.get("AccountAdministersKey")?.Principal).toEqual({ AWS: `arn:${params.partition}:iam::${params.accountId}:root` });
      }),
    );
  });

  it("appends extra statements and refuses a Sid used twice", () => {
    const params = { partition: "aws", accountId: "111122223333", region: "us-east-1", environmentSuffix: "ci", lambdaRoleArns: ["arn:aws:iam::111122223333:role/r"] };
    const extra = keyPolicyStatement("AlarmsPublish", { Service: "cloudwatch.amazonaws.com" }, ["kms:Decrypt"]);
    expect(encryptionKeyPolicy({ ...params, extraStatements: [extra] }).Statement.map((s) => s.Sid)).toContain("AlarmsPublish");
    const clash = keyPolicyStatement("AccountAdministersKey", { Service: "cloudwatch.amazonaws.com" }, ["kms:Decrypt"]);
    expect(() => encryptionKeyPolicy({ ...params, extraStatements: [clash] })).toThrow(/Sid AccountAdministersKey is used twice/);
    expect(() => encryptionKeyPolicy({ ...params, lambdaRoleArns: [] })).toThrow(/Lambda execution role ARNs/);
  });

  it("keyPolicyStatement refuses wildcard actions", () => {
    expect(() => keyPolicyStatement("S", { Service: "x.amazonaws.com" }, ["kms:*"])).toThrow(/explicit/);
    expect(() => keyPolicyStatement("S", { Service: "x.amazonaws.com" }, ["kms:Encrypt*"])).toThrow(/explicit/);
  });
});

describe("Lambda role statements", () => {
  const arn = fc.stringMatching(/^arn:aws:[a-z]+:us-east-1:\d{12}:[a-z/:-]{3,30}$/);
  const tableArnOf = fc.stringMatching(/^[A-Za-z0-9_.-]{3,40}$/).map((name) => `arn:aws:dynamodb:us-east-1:111122223333:table/${name}`);

  it("scope every restrictable action to the ARNs given; only X-Ray uses Resource *", () => {
    fc.assert(
      fc.property(arn, arn, tableArnOf, arn, (logGroupArn, kmsKeyArn, tableArn, eventBusArn) => {
        const statements = [
          ...lambdaBaseStatements({ logGroupArn, kmsKeyArn, functionName: "fn-ci" }),
          ...validatorAccessStatements({ tableArn, kmsKeyArn }),
          ...processorAccessStatements({ tableArn, eventBusArn, kmsKeyArn }),
        ];
        const given = new Set([`${logGroupArn}:log-stream:*`, kmsKeyArn, tableArn, eventBusArn]);
        for (const statement of statements) {
          if (statement.Resource === "*") {
            for (const action of statement.Action) expect(ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action)).toBe(true);
          } else {
            for (const resource of statement.Resource as string[]) expect(given.has(resource)).toBe(true);
          }
        }
      }),
    );
  });

  // The calls each handler really sends are recorded in test/permissions/handler-sdk-calls.test.ts.
  it("give the validator PutItem only and the processor Get/Put/UpdateItem and PutEvents only", () => {
    const tableArn = "arn:aws:dynamodb:us-east-1:111122223333:table/t";
    const dataActions = (statements: PolicyStatement[]) => actionsOf(statements).filter((action) => !action.startsWith("kms:"));
    expect(dataActions(validatorAccessStatements({ tableArn, kmsKeyArn: "arn:k" }))).toEqual(["dynamodb:PutItem"]);
    expect(dataActions(processorAccessStatements({ tableArn, eventBusArn: "arn:b", kmsKeyArn: "arn:k" })).sort()).toEqual(
      ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "events:PutEvents"].sort(),
    );
    const base = actionsOf(lambdaBaseStatements({ logGroupArn: "arn:l", kmsKeyArn: "arn:k", functionName: "fn-ci" }));
    expect(base).not.toContain("logs:CreateLogGroup");
    expect(base).toEqual(expect.arrayContaining(["logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "kms:Decrypt"]));
  });
});

describe("API Gateway account logging statements", () => {
  it("stay within the account and region; only DescribeLogGroups uses Resource *", () => {
    fc.assert(
      fc.property(accountId, region, (account, regionName) => {
        for (const statement of apiGatewayLoggingStatements("aws", regionName, account)) {
          if (statement.Resource === "*") expect(statement.Action).toEqual(["logs:DescribeLogGroups"]);
          else for (const resource of statement.Resource as string[]) expect(resource.startsWith(`arn:aws:logs:${regionName}:${account}:log-group:`)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("webhook API helpers", () => {
  it("invoke source ARNs cover exactly POST /webhooks and POST /webhooks/* of the given API", () => {
    expect(validatorInvokeSourceArns("arn:aws:execute-api:us-east-1:111122223333:abc123")).toEqual({
      webhooks: "arn:aws:execute-api:us-east-1:111122223333:abc123/*/POST/webhooks",
      byProvider: "arn:aws:execute-api:us-east-1:111122223333:abc123/*/POST/webhooks/*",
    });
  });

  it("the redeployment hash is stable for equal definitions and differs for different ones", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(apiDefinitionHash(a)).toBe(apiDefinitionHash(JSON.parse(JSON.stringify(a))));
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(apiDefinitionHash(a)).not.toBe(apiDefinitionHash(b));
      }),
    );
  });
});

describe("physical names", () => {
  it("are <resource-type>-<suffix> for every accepted suffix, and only accepted suffixes pass", () => {
    // Half arbitrary text, half built from the suffix alphabet so accepted suffixes are common.
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-".split("");
    const nearlyValid = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 22 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 24 }), nearlyValid), (candidate) => {
        const accepted = ENVIRONMENT_SUFFIX_PATTERN.test(candidate);
        if (accepted) {
          expect(physicalName("webhook-validator", validateEnvironmentSuffix(candidate))).toBe(`webhook-validator-${candidate}`);
        } else {
          expect(() => validateEnvironmentSuffix(candidate)).toThrow(/payment-webhooks:environmentSuffix/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
