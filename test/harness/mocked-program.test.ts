import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { runProgramUnderMocks } from "../support/stack-harness";

class Pair extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:harness:Pair", name, {}, opts);
    const queue = new aws.sqs.Queue(`${name}-queue`, { name: `${name}-queue`, sqsManagedSseEnabled: true }, { parent: this, protect: true });
    new aws.sqs.QueuePolicy(
      `${name}-policy`,
      { queueUrl: queue.url, policy: queue.arn.apply((arn) => JSON.stringify({ Statement: [{ Resource: arn }] })) },
      { parent: this, retainOnDelete: true },
    );
    this.registerOutputs({});
  }
}

describe("runProgramUnderMocks", () => {
  it("captures inputs resolved from other resources' outputs, parents and hidden options", async () => {
    const { resources, outputs } = await runProgramUnderMocks({
      config: { "payment-webhooks:environmentSuffix": "dev" },
      program: () => {
        const pair = new Pair("p");
        return { suffix: new pulumi.Config().require("environmentSuffix"), urn: pair.urn };
      },
    });
    const byName = new Map(resources.map((r) => [r.name, r]));
    expect(byName.get("p")?.type).toBe("test:harness:Pair");
    expect(byName.get("p-queue")).toMatchObject({ type: "aws:sqs/queue:Queue", protect: true, retainOnDelete: false });
    expect(byName.get("p-queue")?.parent).toBe(byName.get("p")?.urn);
    const policy = byName.get("p-policy");
    expect(policy?.retainOnDelete).toBe(true);
    expect(policy?.inputs.queueUrl).toBe("https://sqs.us-east-1.amazonaws.com/123456789012/p-queue");
    expect(JSON.parse(String(policy?.inputs.policy))).toEqual({ Statement: [{ Resource: "arn:aws:sqs:us-east-1:123456789012:p-queue" }] });
    expect(outputs.suffix).toBe("dev");
    expect(resources.every((r) => r.urn.startsWith("urn:pulumi:dev::payment-webhooks::"))).toBe(true);
  });

  it("fails loudly on a provider call it has no mock for", async () => {
    await expect(
      runProgramUnderMocks({
        config: {},
        program: () => ({ zoneCount: aws.getAvailabilityZonesOutput().names.apply((names) => (names ?? []).length) }),
      }),
    ).rejects.toThrow(/no mock for provider call\(s\) aws:index\/getAvailabilityZones:getAvailabilityZones/);
  });
});
