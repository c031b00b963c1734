/**
 * Runs a Pulumi program in-process under Pulumi's runtime mocks and captures every resource it
 * registers: type, logical name, URN, parent, the inputs exactly as the engine would receive
 * them, and the resource options that mocks normally hide (protect, retainOnDelete).
 *
 * Used by the stack tests (test/) and by the credential-free compliance gate
 * (`npm run policy:check`). No Pulumi CLI, no AWS credentials, nothing leaves the process.
 */
import * as pulumi from "@pulumi/pulumi";
// Internal runtime modules: the public setMocks() hides protect/retainOnDelete, which the
// destroyability rules need, so we install a MockMonitor subclass that records them.
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as runtimeSettings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";

// `waitForRPCs` drains the runtime's RPC queue (what `disconnect()` awaits); it is marked
// @internal, so its declaration is stripped from the published typings.
const { waitForRPCs } = runtimeSettings as unknown as { waitForRPCs(): Promise<void> };

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "us-east-1";

export interface CapturedResource {
  type: string;
  name: string;
  urn: string;
  /** Physical id the mock assigned (what other resources receive as `<resource>.id`). */
  id: string;
  /** URN of the parent resource ("" for the stack itself). */
  parent: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  /** Outputs the mock returned (inputs plus synthesised ids and ARNs). */
  state: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  /** URNs this resource waits for: explicit `dependsOn` plus those its inputs came from. */
  dependencies: string[];
}

export interface MockedProgramOptions {
  /** Full config keys, e.g. `{ "payment-webhooks:environmentSuffix": "dev" }`. */
  config: Record<string, string>;
  /** Full config keys whose values are secrets (as `pulumi config set --secret`). */
  secretKeys?: string[];
  project?: string;
  stack?: string;
  /** true runs as `pulumi preview` would (unknown outputs stay unknown). */
  preview?: boolean;
  /** Loads the program; its return value (module exports) becomes the stack outputs. */
  program: () => unknown;
}

export interface MockedProgramResult {
  resources: CapturedResource[];
  outputs: Record<string, unknown>;
}

interface RegisterResourceRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDependenciesList(): string[];
}

/** Synthesises the outputs AWS would return that other resources consume. */
export function mockResourceState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const [, moduleAndType = ""] = type.split(":");
  const service = moduleAndType.split("/")[0] || "mock";
  const physicalName = typeof inputs.name === "string" ? inputs.name : name;
  const arn = `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${moduleAndType}/${physicalName}`;
  const extra: Record<string, unknown> = { arn, name: physicalName };
  switch (type) {
    case "aws:kms/key:Key":
      extra.keyId = `${name}-key-id`;
      extra.arn = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/${name}-key-id`;
      break;
    case "aws:dynamodb/table:Table":
      extra.arn = `arn:aws:dynamodb:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:table/${physicalName}`;
      extra.streamArn = `${extra.arn}/stream/2026-01-01T00:00:00.000`;
      break;
    case "aws:lambda/function:Function":
      extra.arn = `arn:aws:lambda:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:function:${physicalName}`;
      extra.invokeArn = `arn:aws:apigateway:${MOCK_REGION}:lambda:path/2015-03-31/functions/${extra.arn}/invocations`;
      break;
    case "aws:apigateway/restApi:RestApi":
      extra.id = `${name}-api-id`;
      extra.rootResourceId = `${name}-root-id`;
      extra.executionArn = `arn:aws:execute-api:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${name}-api-id`;
      break;
    case "aws:apigateway/stage:Stage":
      extra.invokeUrl = `https://${name}-api-id.execute-api.${MOCK_REGION}.amazonaws.com/${String(inputs.stageName ?? "stage")}`;
      extra.executionArn = `arn:aws:execute-api:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${name}-api-id/${String(inputs.stageName ?? "stage")}`;
      break;
    case "aws:sqs/queue:Queue":
      extra.arn = `arn:aws:sqs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${physicalName}`;
      extra.url = `https://sqs.${MOCK_REGION}.amazonaws.com/${MOCK_ACCOUNT_ID}/${physicalName}`;
      break;
    case "aws:iam/role:Role":
      extra.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${physicalName}`;
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      extra.arn = `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:${physicalName}`;
      break;
    case "aws:cloudwatch/eventBus:EventBus":
      extra.arn = `arn:aws:events:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:event-bus/${physicalName}`;
      break;
    case "aws:sfn/stateMachine:StateMachine":
      extra.arn = `arn:aws:states:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:stateMachine:${physicalName}`;
      break;
    default:
      break;
  }
  return { ...inputs, ...extra };
}

function mockCall(token: string): Record<string, unknown> | undefined {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`, userId: "MOCK" };
    case "aws:index/getRegion:getRegion":
      return { name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION, description: "US East (N. Virginia)" };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    default:
      return undefined;
  }
}

class CapturingMonitor extends MockMonitor {
  readonly options = new Map<string, { protect: boolean; retainOnDelete: boolean; parent: string; custom: boolean; dependencies: string[] }>();

  // MockMonitor's gRPC-shaped method; the request type is internal protobuf.
  override async registerResource(req: RegisterResourceRequestLike, callback: (err: unknown, res: unknown) => void): Promise<void> {
    this.options.set(`${req.getType()}::${req.getName()}`, {
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      parent: req.getParent(),
      custom: req.getCustom(),
      dependencies: req.getDependenciesList(),
    });
    return super.registerResource(req as never, callback);
  }
}

/**
 * Runs `options.program` inside a root stack, as the Pulumi Node.js host does, waits for every
 * resource registration to finish, and returns what was registered. Config is global to the
 * Pulumi runtime, so calls must not overlap; jest runs each test file in its own module registry.
 */
export async function runProgramUnderMocks(options: MockedProgramOptions): Promise<MockedProgramResult> {
  const project = options.project ?? "payment-webhooks";
  const stack = options.stack ?? "dev";
  const unmockedCalls: string[] = [];
  const captured = new Map<string, { type: string; name: string; id: string; inputs: Record<string, unknown>; state: Record<string, unknown> }>();

  const mocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
      const inputs = (args.inputs ?? {}) as Record<string, unknown>;
      const state = mockResourceState(args.type, args.name, inputs);
      const id = typeof state.id === "string" ? state.id : `${args.name}-id`;
      captured.set(`${args.type}::${args.name}`, { type: args.type, name: args.name, id, inputs, state });
      return { id, state };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      const result = mockCall(args.token);
      if (result === undefined) {
        // Throwing here surfaces as an unhandled rejection inside the Pulumi runtime and kills
        // the jest worker, so record it and fail once the program has finished.
        unmockedCalls.push(args.token);
        return {};
      }
      return result;
    },
  };

  await pulumi.runtime.setMocks(mocks, project, stack, options.preview ?? false);
  const monitor = new CapturingMonitor(mocks);
  runtimeSettings.setMockOptions(monitor, project, stack, options.preview ?? false);
  pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);

  const outputs = (await runInPulumiStack(async () => options.program())) ?? {};
  await waitForRPCs();
  if (unmockedCalls.length > 0) {
    // Fail loudly: a silent {} would let a program depend on data the mocks never provide.
    throw new Error(`mocked-program: no mock for provider call(s) ${[...new Set(unmockedCalls)].join(", ")}`);
  }

  const resources: CapturedResource[] = [];
  for (const [key, entry] of captured) {
    const registered = monitor.options.get(key);
    const urn = [...monitor.resources.keys()].find((u) => u.endsWith(`::${entry.type}::${entry.name}`) || u.endsWith(`$${entry.type}::${entry.name}`)) ?? "";
    resources.push({
      ...entry,
      urn,
      parent: registered?.parent ?? "",
      custom: registered?.custom ?? true,
      protect: registered?.protect ?? false,
      retainOnDelete: registered?.retainOnDelete ?? false,
      dependencies: registered?.dependencies ?? [],
    });
  }
  return { resources, outputs: outputs as Record<string, unknown> };
}
