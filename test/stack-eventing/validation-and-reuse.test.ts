import fc from "fast-check";
import { assertIntegerInRange, assertLogRetentionDays, CLOUDWATCH_LOG_RETENTION_DAYS } from "../../lib/support/component-args";
import { PaymentEventBus } from "../../lib/eventing/event-bus";
import { WorkflowTrigger } from "../../lib/eventing/workflow-trigger";
import { runProgramUnderMocks } from "../../policy-pack/gate/mocked-program";
import { FAKE } from "./support/eventing-program";

describe("assertIntegerInRange", () => {
  it("accepts exactly the integers in [min, max] and returns them unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double({ noNaN: false })), (a, b, value) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const valid = Number.isInteger(value) && value >= min && value <= max;
        if (valid) expect(assertIntegerInRange("X.y", value, min, max)).toBe(value);
        else expect(() => assertIntegerInRange("X.y", value, min, max)).toThrow(`X.y must be an integer from ${min} to ${max}; got ${String(value)}.`);
      }),
    );
  });
});

describe("assertLogRetentionDays", () => {
  it.each([1, 7, 14, 30, 365, 3653])("accepts %p", (days) => {
    expect(assertLogRetentionDays("X.logRetentionDays", days)).toBe(days);
  });

  it("rejects every other whole number up to 4000", () => {
    const accepted = new Set(CLOUDWATCH_LOG_RETENTION_DAYS);
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 4000 }).filter((n) => !accepted.has(n)), (days) => {
        expect(() => assertLogRetentionDays("X.logRetentionDays", days)).toThrow(/^X\.logRetentionDays must be one of/);
      }),
    );
  });
});

describe("two instances in one stack", () => {
  it("register without URN clashes when given different names and suffixes", async () => {
    const { resources } = await runProgramUnderMocks({
      config: {},
      program: () => {
        for (const suffix of ["blue", "green"]) {
          const bus = new PaymentEventBus(`events-${suffix}`, { environmentSuffix: suffix });
          new WorkflowTrigger(`trigger-${suffix}`, {
            environmentSuffix: suffix,
            kmsKeyArn: FAKE.kmsKeyArn,
            table: { streamArn: FAKE.streamArn },
            eventBusName: bus.busName,
            eventBusArn: bus.busArn,
            stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-${suffix}`,
          });
        }
        return {};
      },
    });
    const pipes = resources.filter((r) => r.type === "aws:pipes/pipe:Pipe").map((r) => r.inputs.name).sort();
    expect(pipes).toEqual(["payment-events-pipe-blue", "payment-events-pipe-green"]);
    const urns = resources.map((r) => r.urn);
    expect(new Set(urns).size).toBe(urns.length);
  });
});
