/**
 * Every physical name carries the environment suffix and fits its service's rules for ANY
 * suffix the validator accepts; nothing is protected, retained or deletion-protected; every
 * resource sits in a `payments:<module>:<Type>` component.
 */
import * as fc from "fast-check";
import { ENVIRONMENT_SUFFIX_PATTERN, validateEnvironmentSuffix } from "../../contract/naming";
import { FULL_CONFIG, runStack, type CapturedResource, type Stack } from "../support/stack-harness";

/** Where each resource type keeps its physical name, and what AWS accepts there. */
const NAME_RULES: Record<string, { property: string; maxLength: number; pattern: RegExp }> = {
  "aws:lambda/function:Function": { property: "name", maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/ },
  "aws:iam/role:Role": { property: "name", maxLength: 64, pattern: /^[\w+=,.@-]+$/ },
  "aws:iam/rolePolicy:RolePolicy": { property: "name", maxLength: 128, pattern: /^[\w+=,.@-]+$/ },
  "aws:cloudwatch/logGroup:LogGroup": { property: "name", maxLength: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/ },
  "aws:sqs/queue:Queue": { property: "name", maxLength: 80, pattern: /^[a-zA-Z0-9_-]+$/ },
  "aws:sfn/stateMachine:StateMachine": { property: "name", maxLength: 80, pattern: /^[a-zA-Z0-9_-]+$/ },
  "aws:cloudwatch/eventBus:EventBus": { property: "name", maxLength: 256, pattern: /^[/.\-_A-Za-z0-9]+$/ },
  "aws:cloudwatch/eventArchive:EventArchive": { property: "name", maxLength: 48, pattern: /^[.\-_A-Za-z0-9]+$/ },
  "aws:cloudwatch/eventRule:EventRule": { property: "name", maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/ },
  "aws:cloudwatch/eventTarget:EventTarget": { property: "targetId", maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/ },
  "aws:pipes/pipe:Pipe": { property: "name", maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/ },
  "aws:kms/alias:Alias": { property: "name", maxLength: 256, pattern: /^alias\/[a-zA-Z0-9/_-]+$/ },
  "aws:dynamodb/table:Table": { property: "name", maxLength: 255, pattern: /^[a-zA-Z0-9_.-]{3,}$/ },
  "aws:apigateway/restApi:RestApi": { property: "name", maxLength: 1024, pattern: /^\S.*$/ },
  "aws:apigateway/stage:Stage": { property: "stageName", maxLength: 128, pattern: /^[a-zA-Z0-9_-]+$/ },
  "aws:lambda/permission:Permission": { property: "statementId", maxLength: 100, pattern: /^[a-zA-Z0-9_-]+$/ },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { property: "name", maxLength: 255, pattern: /^[^\x00-\x1f]+$/ },
  "aws:cloudwatch/dashboard:Dashboard": { property: "dashboardName", maxLength: 255, pattern: /^[a-zA-Z0-9_-]+$/ },
  "aws:sns/topic:Topic": { property: "name", maxLength: 256, pattern: /^[a-zA-Z0-9_-]+$/ },
};

/** Types that have no physical name of their own. */
const NAMELESS = new Set([
  "aws:kms/key:Key",
  "aws:apigateway/resource:Resource",
  "aws:apigateway/method:Method",
  "aws:apigateway/integration:Integration",
  "aws:apigateway/deployment:Deployment",
  "aws:apigateway/methodSettings:MethodSettings",
  "aws:apigateway/account:Account",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sns/topicSubscription:TopicSubscription",
]);

const LOWER = "abcdefghijklmnopqrstuvwxyz".split("");
const LOWER_DIGIT_HYPHEN = [...LOWER, ..."0123456789".split(""), "-"];
/** Suffixes the validator accepts, generated from the alphabet and filtered by the validator's own pattern. */
const acceptedSuffix = fc
  .tuple(fc.constantFrom(...LOWER), fc.array(fc.constantFrom(...LOWER_DIGIT_HYPHEN), { maxLength: 19 }))
  .map(([first, rest]) => first + rest.join(""))
  .filter((suffix) => ENVIRONMENT_SUFFIX_PATTERN.test(suffix));

// The longest suffix the validator accepts (20 characters) gives the longest names.
const LONG_SUFFIX = "s234567890-234567890";

let stack: Stack;
let longStack: Stack;
beforeAll(async () => {
  expect(validateEnvironmentSuffix(LONG_SUFFIX)).toHaveLength(20);
  stack = await runStack(FULL_CONFIG);
  longStack = await runStack({ ...FULL_CONFIG, "payment-webhooks:environmentSuffix": LONG_SUFFIX });
});

const custom = (s: Stack) => s.resources.filter((resource) => resource.custom);
const physicalNameOf = (resource: CapturedResource): string | undefined => {
  const rule = NAME_RULES[resource.type];
  const value = rule ? resource.inputs[rule.property] : undefined;
  return typeof value === "string" ? value : undefined;
};

describe("physical names", () => {
  it("every resource type is classified (a new type must be added to NAME_RULES or NAMELESS)", () => {
    const unclassified = [...new Set(custom(stack).map((r) => r.type))].filter((type) => !NAME_RULES[type] && !NAMELESS.has(type));
    expect(unclassified).toEqual([]);
  });

  it("carry the suffix as <resource-type>-<suffix> (log groups and the alias contain it)", () => {
    const wrong: string[] = [];
    for (const resource of custom(longStack).filter((r) => NAME_RULES[r.type])) {
      const name = physicalNameOf(resource);
      if (name === undefined) {
        // Even names scoped to a parent (a role's inline policy, a rule's target) are set
        // explicitly: an auto-name carries no suffix and reviewers could not tell stacks apart.
        wrong.push(`${resource.type} ${resource.name}: no explicit ${NAME_RULES[resource.type].property}`);
        continue;
      }
      const ok =
        resource.type === "aws:apigateway/stage:Stage"
          ? name === LONG_SUFFIX
          : resource.type === "aws:cloudwatch/logGroup:LogGroup" || resource.type === "aws:kms/alias:Alias"
            ? name.includes(LONG_SUFFIX)
            : name.endsWith(`-${LONG_SUFFIX}`);
      if (!ok) wrong.push(`${resource.type} ${resource.name}: ${name}`);
    }
    expect(wrong).toEqual([]);
  });

  it("fit each service's length limit and character set with the longest suffix", () => {
    const wrong = custom(longStack)
      .filter((r) => NAME_RULES[r.type] && physicalNameOf(r) !== undefined)
      .filter((r) => {
        const name = physicalNameOf(r) as string;
        const rule = NAME_RULES[r.type];
        return name.length > rule.maxLength || !rule.pattern.test(name);
      })
      .map((r) => `${r.type} ${physicalNameOf(r)} (max ${NAME_RULES[r.type].maxLength})`);
    expect(wrong).toEqual([]);
  });

  it("stay valid for ANY suffix the validator accepts (fast-check over the stack's name templates)", () => {
    // Templates: every name of the long-suffix stack with the suffix as a placeholder.
    const templates = custom(longStack)
      .filter((r) => NAME_RULES[r.type] && physicalNameOf(r)?.includes(LONG_SUFFIX))
      .map((r) => ({ type: r.type, template: (physicalNameOf(r) as string).split(LONG_SUFFIX) }));
    expect(templates.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(acceptedSuffix, (suffix) => {
        expect(validateEnvironmentSuffix(suffix)).toBe(suffix);
        for (const { type, template } of templates) {
          const name = template.join(suffix);
          const rule = NAME_RULES[type];
          expect({ type, name, fits: name.length <= rule.maxLength && rule.pattern.test(name) }).toEqual({ type, name, fits: true });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("are unique per type, so two suffixes never collide within one stack", () => {
    for (const type of Object.keys(NAME_RULES)) {
      const names = longStack.ofType(type).map(physicalNameOf);
      expect({ type, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ type, duplicates: [] });
    }
  });
});

describe("destroyability", () => {
  it("nothing is protected or retained on delete", () => {
    expect(stack.resources.filter((r) => r.protect || r.retainOnDelete).map((r) => r.name)).toEqual([]);
  });

  it("nothing is deletion-protected", () => {
    const protectedInputs = custom(stack).filter((r) => r.inputs.deletionProtectionEnabled === true || r.inputs.deletionProtection === true);
    expect(protectedInputs.map((r) => r.name)).toEqual([]);
    expect(stack.named("aws:dynamodb/table:Table", "payment-events-table").inputs.deletionProtectionEnabled).toBe(false);
    expect(stack.named("aws:kms/key:Key", "payment-webhooks-key").inputs.deletionWindowInDays).toBe(7);
  });
});

describe("component structure", () => {
  it("every AWS resource is a child of a payments:<module>:<Type> component", () => {
    const componentTypes = new Map(stack.resources.filter((r) => !r.custom).map((r) => [r.urn, r.type]));
    const orphans = custom(stack).filter((r) => !/^payments:[a-z]+:[A-Z][A-Za-z]+$/.test(componentTypes.get(r.parent) ?? ""));
    expect(orphans.map((r) => `${r.type} ${r.name}`)).toEqual([]);
    const components = stack.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.length).toBeGreaterThanOrEqual(12);
    for (const component of components) expect(component.type).toMatch(/^payments:[a-z]+:[A-Z][A-Za-z]+$/);
  });
});
