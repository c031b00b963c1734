/**
 * The gate over non-compliant fixture programs (test/fixtures/policy): each must fail with
 * exactly the expected mandatory policy, and the compliant baseline must pass.
 */
import * as path from "node:path";
import { exitCodeFor, runGate, type GateResult } from "../../policy-pack/gate/gate";
import { compliantStack } from "../fixtures/policy/compliant-stack";

const FIXTURES = path.join(__dirname, "..", "fixtures", "policy");
const CONFIG = { "aws:region": "us-east-1", "payment-webhooks:environmentSuffix": "dev" };

/**
 * A fixture is a program file (required once: jest caches modules, so each file can only be
 * loaded by one test) or a function building the program.
 */
async function gateOverFixture(fixture: string | (() => void), policyConfig: Record<string, unknown> = {}): Promise<GateResult> {
  return runGate({
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program: typeof fixture === "function" ? fixture : () => require(path.join(FIXTURES, `${fixture}.ts`)),
    config: CONFIG,
    policyConfig,
    context: { now: () => new Date("2026-11-29T12:00:00Z") },
  });
}

function failingPolicies(result: GateResult): string[] {
  return [...new Set(result.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => f.policy))].sort();
}

describe("gate over fixture programs", () => {
  it("passes the compliant baseline with no findings at all", async () => {
    const result = await gateOverFixture("compliant");
    expect(result.findings).toEqual([]);
    expect(exitCodeFor(result)).toBe(0);
    expect(result.runs.filter((r) => r.applicableUrns.length === 0).map((r) => r.policy)).toEqual([
      "apigateway-stage-xray",
      "apigateway-stage-access-logs",
      "sfn-xray",
      "sfn-logging-all",
      "pipe-source-dlq",
      "event-rule-target-dlq",
    ]);
  });

  it.each([
    ["lambda-x86", "lambda-arm64", "Lambda function 'webhook-validator' must use the arm64 architecture"],
    ["lambda-no-concurrency", "lambda-reserved-concurrency", "must set reservedConcurrentExecutions to a positive integer; it is unset."],
    ["lambda-env-no-key", "lambda-environment-cmk", "kmsKeyArn is unset, so AWS encrypts them with the AWS-managed aws/lambda key."],
    ["lambda-env-aws-managed-key", "lambda-environment-cmk", "kmsKeyArn 'arn:aws:kms:us-east-1:123456789012:alias/aws/lambda' is an AWS-managed key."],
    ["lambda-no-xray", "lambda-xray-active", `must set tracingConfig.mode to "Active"; it is "PassThrough".`],
    ["table-pitr-off", "dynamodb-point-in-time-recovery", "DynamoDB table 'payment-events' must enable point-in-time recovery"],
    ["iam-service-wildcard", "iam-no-wildcard-actions", "uses the wildcard action 'dynamodb:*'"],
    ["iam-prefix-wildcard", "iam-no-wildcard-actions", "uses the wildcard action 's3:Get*'"],
    ["iam-star", "iam-no-wildcard-actions", "uses the wildcard action '*'"],
    ["iam-not-action", "iam-no-wildcard-actions", "uses NotAction in an Allow statement"],
    ["iam-json-string-wildcard", "iam-no-wildcard-actions", "policy Statement[0] of 'extra-policy' uses the wildcard action 'sqs:*'"],
    ["key-policy-kms-star", "iam-no-wildcard-actions", "policy Statement[1] (Sid Lambda) of 'payment-webhooks' uses the wildcard action 'kms:*'"],
    ["iam-misspelled-action", "iam-actions-exist", "'dynamodb:PutItems' is not an action of service 'dynamodb'"],
    ["protected-resource", "resources-destroyable", "Resource 'payment-events' (aws:dynamodb/table:Table) must be destroyable; resource option protect is true."],
    ["unsuffixed-name", "resource-names-carry-environment-suffix", "must be named '<resource-type>-dev' in kebab case; name is 'webhook-validator'."],
  ])("fails %s with %s", async (fixture, policy, messagePart) => {
    const result = await gateOverFixture(fixture);
    expect(failingPolicies(result)).toEqual([policy]);
    const messages = result.findings.filter((f) => f.policy === policy).map((f) => f.message);
    expect(messages.some((m) => m.includes(messagePart))).toBe(true);
    expect(exitCodeFor(result)).toBe(1);
  });

  it("a waiver in the policy config lets a fixture pass and shows up in the result", async () => {
    const waiver = { resource: "webhook-validator", reason: "Benchmarking x86 vs arm64 cold starts for PAY-321.", expires: "2026-12-15" };
    const result = await gateOverFixture(() => compliantStack({ lambda: { architectures: ["x86_64"] } }), { "lambda-arm64": { waivers: [waiver] } });
    expect(exitCodeFor(result)).toBe(0);
    expect(result.findings.map((f) => [f.policy, f.verdict])).toEqual([["lambda-arm64", "waived"]]);
    expect(result.waivers).toEqual([{ policy: "lambda-arm64", ...waiver, status: "active", problem: "", matchedUrns: ["urn:pulumi:dev::payment-webhooks::pulumi:pulumi:Stack$aws:lambda/function:Function::webhook-validator"] }]);
  });

  it("an expired waiver that matches nothing still fails the gate", async () => {
    const waiver = { resource: "old-function", reason: "Migrated in Q3; waiver kept by mistake after PAY-100.", expires: "2026-01-31" };
    const result = await gateOverFixture(() => compliantStack(), { "lambda-arm64": { waivers: [waiver] } });
    expect(result.findings.map((f) => [f.policy, f.enforcementLevel, f.message])).toEqual([
      ["lambda-arm64", "mandatory", `Waiver of 'lambda-arm64' for "old-function" expired on 2026-01-31 and matches no resource; remove it.`],
    ]);
    expect(exitCodeFor(result)).toBe(1);
  });
});
