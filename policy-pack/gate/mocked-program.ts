/**
 * Runs a Pulumi program in-process under Pulumi's runtime mocks, the way the Pulumi Node.js host
 * (`@pulumi/pulumi` cmd/run) runs it, and captures every resource it registers: type, logical
 * name, URN, parent, the inputs exactly as the engine would receive them (secrets still wrapped
 * in Pulumi's secret signature), and the resource options that mocks normally hide (protect,
 * retainOnDelete). Like the host it calls a program that exports a function and awaits the
 * result, waits until no registration is pending (including ones made inside `.apply()`), keys
 * resources by URN (two components may have same-named children), and answers the provider
 * functions in provider-invokes.ts; any other invoke fails the run, naming its token.
 *
 * Used by the stack tests (test/) and by the credential-free compliance gate
 * (`npm run policy:check`). No Pulumi CLI, no AWS credentials, nothing leaves the process.
 */
import * as pulumi from "@pulumi/pulumi";
// Internal runtime modules: the public setMocks() hides protect/retainOnDelete, which the
// destroyability rules need, so we install a MockMonitor subclass that records them.
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import * as runtimeSettings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { MOCK_ACCOUNT_ID, MOCK_REGION, PROVIDER_INVOKES } from "./provider-invokes";

// `waitForRPCs` drains the runtime's RPC queue (what `disconnect()` awaits); it is marked
// @internal, so its declaration is stripped from the published typings.
const { waitForRPCs } = runtimeSettings as unknown as { waitForRPCs(): Promise<void> };

export { MOCK_ACCOUNT_ID, MOCK_REGION };

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
  /**
   * Loads the program; its return value (module exports) becomes the stack outputs. A function
   * (`export = async () => {...}`) is called and its result awaited, as the Pulumi host does.
   */
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
  getObject(): structproto.Struct | undefined;
  getProvider(): string;
  getImportid(): string;
}

/** The URN the engine gives a resource: a child's type is qualified by its parent's (MockMonitor does the same). */
function urnOf(stack: string, project: string, parent: string, type: string, name: string): string {
  const qualifiedType = parent ? `${parent.split("::")[2]?.split("$").pop()}$${type}` : type;
  return `urn:pulumi:${[stack, project, qualifiedType, name].join("::")}`;
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

type Captured = Omit<CapturedResource, "urn">;

class CapturingMonitor extends MockMonitor {
  /** Every registration by URN, in registration order. */
  readonly captured = new Map<string, Captured>();

  constructor(
    mocks: pulumi.runtime.Mocks,
    private readonly project: string,
    private readonly stack: string,
  ) {
    super(mocks);
  }

  // MockMonitor's gRPC-shaped method, re-implemented to key by URN and keep the hidden options.
  override async registerResource(req: RegisterResourceRequestLike, callback: (err: unknown, res: unknown) => void): Promise<void> {
    try {
      const type = req.getType();
      const name = req.getName();
      const inputs = (req.getObject() ? deserializeProperties(req.getObject() as structproto.Struct) : {}) as Record<string, unknown>;
      const result = await this.mocks.newResource({ type, name, inputs, provider: req.getProvider(), custom: req.getCustom(), id: req.getImportid() });
      const urn = urnOf(this.stack, this.project, req.getParent(), type, name);
      const state = (result.state ?? {}) as Record<string, unknown>;
      this.captured.set(urn, {
        type,
        name,
        id: result.id ?? "",
        inputs,
        state,
        parent: req.getParent(),
        custom: req.getCustom(),
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete() === true,
        dependencies: req.getDependenciesList(),
      });
      const serializedState = await serializeProperties("", state);
      this.resources.set(urn, { urn, id: result.id ?? null, state: serializedState });
      const response = new RegisterResourceResponse();
      response.setUrn(urn);
      response.setId(result.id || "");
      response.setObject(structproto.Struct.fromJavaScript(serializedState));
      callback(null, response);
    } catch (err) {
      callback(err, undefined);
    }
  }
}

/** What the Pulumi host does with a program's export: call a function, await the result. */
async function invokeProgram(program: () => unknown): Promise<unknown> {
  const exported = program();
  return exported instanceof Function ? await exported() : await exported;
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

  const mocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
      const inputs = (args.inputs ?? {}) as Record<string, unknown>;
      const state = mockResourceState(args.type, args.name, inputs);
      const id = typeof state.id === "string" ? state.id : `${args.name}-id`;
      return { id, state };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      const invoke = PROVIDER_INVOKES[args.token];
      if (invoke === undefined) {
        // Throwing here surfaces as an unhandled rejection inside the Pulumi runtime and kills
        // the jest worker, so record it and fail once the program has finished.
        unmockedCalls.push(args.token);
        return {};
      }
      return invoke((args.inputs ?? {}) as Record<string, unknown>);
    },
  };

  await pulumi.runtime.setMocks(mocks, project, stack, options.preview ?? false);
  const monitor = new CapturingMonitor(mocks, project, stack);
  runtimeSettings.setMockOptions(monitor, project, stack, options.preview ?? false);
  pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);

  const outputs = (await runInPulumiStack(() => invokeProgram(options.program))) ?? {};
  // Registrations made inside .apply() start after the outputs they wait for resolve; drain
  // until a pass registers nothing new.
  let seen = -1;
  while (seen !== monitor.captured.size) {
    seen = monitor.captured.size;
    await waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (unmockedCalls.length > 0) {
    // Fail loudly: a silent {} would let a program depend on data the mocks never provide.
    throw new Error(`mocked-program: no mock for provider call(s) ${[...new Set(unmockedCalls)].join(", ")}; the gate answers ${Object.keys(PROVIDER_INVOKES).join(", ")}`);
  }

  const resources: CapturedResource[] = [...monitor.captured].map(([urn, entry]) => ({ ...entry, urn }));
  return { resources, outputs: outputs as Record<string, unknown> };
}
