/**
 * @cloud-copilot/iam-simulate 0.1.173 ignores `kms:EncryptionContext:<key>` request keys; the
 * workaround decides those conditions itself. Expected values come from the IAM condition
 * operator reference
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { conditionHolds, resolveEncryptionContextConditions, withoutEncryptionContext } from "../support/permissions/encryption-context-conditions";

const account = "123456789012";
const keyArn = `arn:aws:kms:us-east-1:${account}:key/k`;
const roleArn = `arn:aws:iam::${account}:role/workflow`;
const tableKey = "kms:EncryptionContext:aws:dynamodb:tableName";
const keyPolicy = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: ["kms:DescribeKey"], Resource: "*" },
    {
      Sid: "TableThroughDynamoDb",
      Effect: "Allow",
      Principal: { AWS: roleArn },
      Action: ["kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", [tableKey]: "payment-events-ci" } },
    },
  ],
};

async function decrypt(context: Record<string, string>, resolve: boolean) {
  const resolved = resolve ? resolveEncryptionContextConditions(keyPolicy, context).policy : keyPolicy;
  const result = await runSimulation(
    {
      request: { principal: roleArn, action: "kms:Decrypt", resource: { resource: keyArn, accountId: account }, contextVariables: resolve ? withoutEncryptionContext(context) : context },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resolved,
    },
    {},
  );
  if (result.resultType !== "single") throw new Error(`unexpected simulation result ${result.resultType}`);
  return { overall: result.overallResult, ignored: result.result.ignoredContextKeys ?? [] };
}

describe("the simulator alone", () => {
  // If this starts failing, the simulator learned encryption-context keys and the workaround can go.
  it("ignores an encryption-context key and so denies a request AWS allows", async () => {
    const { overall, ignored } = await decrypt({ "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", [tableKey]: "payment-events-ci" }, false);
    expect(overall).toBe("ImplicitlyDenied");
    expect(ignored).toContain(tableKey);
  });
});

describe("with the encryption-context workaround", () => {
  it("allows the request whose context matches", async () => {
    await expect(decrypt({ "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", [tableKey]: "payment-events-ci" }, true)).resolves.toEqual({ overall: "Allowed", ignored: [] });
  });

  it("denies the request for another table", async () => {
    await expect(decrypt({ "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", [tableKey]: "other-table" }, true)).resolves.toEqual({ overall: "ImplicitlyDenied", ignored: [] });
  });

  it("still leaves the other conditions to the simulator", async () => {
    await expect(decrypt({ "kms:ViaService": "sqs.us-east-1.amazonaws.com", [tableKey]: "payment-events-ci" }, true)).resolves.toEqual({ overall: "ImplicitlyDenied", ignored: [] });
  });
});

describe("conditionHolds, as the IAM condition operator reference defines it", () => {
  it.each([
    ["StringEquals", ["a"], "a", true],
    ["StringEquals", ["a", "b"], "b", true], // values of one key are ORed
    ["StringEquals", ["a"], "A", false], // case-sensitive
    ["StringEqualsIgnoreCase", ["a"], "A", true],
    ["StringLike", ["arn:aws:logs:us-east-1:1:*"], "arn:aws:logs:us-east-1:1:log-group:x", true],
    ["StringLike", ["a?c"], "abbc", false],
    ["ArnLike", ["arn:aws:logs:us-east-1:1:log-group:*"], "arn:aws:logs:us-east-1:1:log-group:/aws/x", true],
    ["ArnEquals", ["arn:aws:sqs:us-east-1:1:q"], "arn:aws:sqs:us-east-1:1:other", false],
    ["StringNotEquals", ["a"], "b", true],
    ["StringEquals", ["a"], undefined, false], // a missing key never matches a positive operator
    ["StringNotEquals", ["a"], undefined, true], // ... and always matches a negated one
    ["StringEqualsIfExists", ["a"], undefined, true],
    ["ForAllValues:StringEquals", ["a"], undefined, true],
    ["ForAnyValue:StringEquals", ["a"], undefined, false],
    ["ForAnyValue:StringLike", ["a*"], "abc", true],
  ] as const)("%s %j with request value %j is %s", (operator, values, requestValue, expected) => {
    expect(conditionHolds(operator, [...values], requestValue)).toBe(expected);
  });

  it("refuses an operator it does not implement instead of guessing", () => {
    expect(() => conditionHolds("NumericEquals", ["1"], "1")).toThrow(/not supported/);
  });
});
