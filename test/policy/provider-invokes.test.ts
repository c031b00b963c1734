/**
 * The gate answers aws.iam.getPolicyDocument the way the provider does. Oracle: the documented
 * output of the `aws_iam_policy_document` data source (Terraform AWS provider docs,
 * "Data Source: aws_iam_policy_document", examples "Example Usage" and "Using A Source
 * Document"), whose JSON pulumi-aws returns unchanged; and, for `id`, CRC-32 from zlib.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { crc32 } from "node:zlib";
import { runProgramUnderMocks } from "../../policy-pack/gate/mocked-program";
import { renderPolicyDocument } from "../../policy-pack/gate/provider-invokes";

describe("getPolicyDocument", () => {
  it("renders statements, principals and conditions as the provider does", () => {
    const result = renderPolicyDocument({
      statements: [
        { sid: "1", actions: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], resources: ["arn:aws:s3:::*"] },
        {
          actions: ["s3:ListBucket"],
          resources: ["arn:aws:s3:::bucket"],
          principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
          conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["", "home/"] }],
        },
        { effect: "Deny", actions: ["s3:*"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] },
      ],
    });
    // Provider docs: one value → string, several → list in reverse order; Effect defaults to Allow.
    expect(JSON.parse(result.json as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "1", Effect: "Allow", Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], Resource: "arn:aws:s3:::*" },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Condition: { StringLike: { "s3:prefix": ["home/", ""] } } },
        { Effect: "Deny", Action: "s3:*", Resource: "*", Principal: "*" },
      ],
    });
    expect(result.minifiedJson).toBe(JSON.stringify(JSON.parse(result.json as string)));
    expect(result.id).toBe(String(crc32(result.json as string)));
  });

  it("merges source documents, then replaces by Sid from statements and override documents", () => {
    const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }, { Sid: "B", Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*" }] });
    const override = JSON.stringify({ Statement: [{ Sid: "B", Effect: "Deny", Action: "sqs:ReceiveMessage", Resource: "*" }] });
    const result = renderPolicyDocument({ sourcePolicyDocuments: [source], statements: [{ sid: "A", actions: ["sqs:GetQueueUrl"], resources: ["*"] }], overridePolicyDocuments: [override] });
    expect(JSON.parse(result.json as string).Statement.map((s: { Sid: string; Effect: string; Action: string }) => [s.Sid, s.Effect, s.Action])).toEqual([
      ["A", "Allow", "sqs:GetQueueUrl"],
      ["B", "Deny", "sqs:ReceiveMessage"],
    ]);
  });

  it("answers getPolicyDocumentOutput inside a program, and fails an unknown invoke by its token", async () => {
    const { resources } = await runProgramUnderMocks({
      config: {},
      program: () => {
        const doc = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["sqs:SendMessage"], resources: ["*"] }] });
        new aws.iam.Policy("p", { name: "p-dev", policy: doc.json });
      },
    });
    const policy = resources.find((r) => r.type === "aws:iam/policy:Policy");
    expect(JSON.parse(String(policy?.inputs.policy)).Statement).toEqual([{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }]);
    await expect(runProgramUnderMocks({ config: {}, program: () => ({ zoneCount: aws.getAvailabilityZonesOutput().names.apply((names) => (names ?? []).length) }) })).rejects.toThrow(
      /no mock for provider call\(s\) aws:index\/getAvailabilityZones:getAvailabilityZones; the gate answers aws:iam\/getPolicyDocument:getPolicyDocument/,
    );
  });

  it("keeps secrets wrapped in the captured inputs (as the engine receives them)", async () => {
    const { resources } = await runProgramUnderMocks({ config: {}, program: () => {
        new aws.iam.Policy("s", { name: "s-dev", policy: pulumi.secret('{"Statement":[]}') });
      },
    });
    const policy = resources.find((r) => r.type === "aws:iam/policy:Policy")?.inputs.policy as Record<string, unknown>;
    expect(policy.value).toBe('{"Statement":[]}');
    expect(Object.keys(policy)).toHaveLength(2);
  });
});
