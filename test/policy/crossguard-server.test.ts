/**
 * The pack inside CrossGuard's own analyzer server — what the Pulumi CLI talks to. We start
 * policy-pack/index.ts as the CLI does (cwd = the pack, stdout prints the port) and speak the
 * analyzer gRPC protocol to it: GetAnalyzerInfo, Configure (with a waiver), Analyze and
 * AnalyzeStack. This proves the pack loads from ./policy-pack and that waivers and the
 * object form of reportViolation behave in the real server as in the gate.
 */
import type { ChildProcess } from "node:child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { createPolicies } from "../../policy-pack/policies";
import { startPackAnalyzer, unaryCall } from "./support/pack-analyzer";

const URN = "urn:pulumi:dev::payment-webhooks::aws:lambda/function:Function::webhook-validator";
const REASON = "Benchmarking x86 cold starts for PAY-321 before the switch.";

let server: ChildProcess;
let client: AnalyzerClient;

function call<Res>(method: unknown, req: unknown): Promise<Res> {
  return unaryCall<Res>(client, method, req);
}

function options(protect = false): analyzer.AnalyzerResourceOptions {
  return new analyzer.AnalyzerResourceOptions().setProtect(protect).setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
}

function analyzeRequest(props: Record<string, unknown>, protect = false): analyzer.AnalyzeRequest {
  return new analyzer.AnalyzeRequest()
    .setType("aws:lambda/function:Function")
    .setName("webhook-validator")
    .setUrn(URN)
    .setProperties(Struct.fromJavaScript(props as never))
    .setOptions(options(protect));
}

function diagnostics(res: analyzer.AnalyzeResponse): Array<[string, number, string]> {
  return res.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage()]);
}

const compliant = { name: "webhook-validator-dev", architectures: ["arm64"], reservedConcurrentExecutions: 5, tracingConfig: { mode: "Active" }, runtime: "nodejs22.x" };

beforeAll(async () => {
  ({ server, client } = await startPackAnalyzer());
});

afterAll(() => {
  client?.close();
  server?.kill();
});

describe("policy pack in CrossGuard's analyzer server", () => {
  it("describes itself: name, version and every policy of the pack with their levels and config schemas", async () => {
    const info = await call<analyzer.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
    expect(info.getName()).toBe("payment-webhooks-guard");
    expect(info.getVersion()).toBe("0.1.0");
    const policies = info.getPoliciesList();
    expect(policies).toHaveLength(createPolicies().length);
    const arm64 = policies.find((p) => p.getName() === "lambda-arm64");
    expect(arm64?.getEnforcementlevel()).toBe(analyzer.EnforcementLevel.MANDATORY);
    expect(Object.keys(arm64?.getConfigschema()?.getProperties()?.toJavaScript() ?? {})).toEqual(["waivers"]);
  });

  it("analyzes a compliant resource without diagnostics and an x86 one with a mandatory lambda-arm64 violation", async () => {
    await call<Empty>(client.configure, new analyzer.ConfigureAnalyzerRequest());
    expect(diagnostics(await call<analyzer.AnalyzeResponse>(client.analyze, analyzeRequest(compliant)))).toEqual([]);
    expect(diagnostics(await call<analyzer.AnalyzeResponse>(client.analyze, analyzeRequest({ ...compliant, architectures: ["x86_64"] })))).toEqual([
      ["lambda-arm64", analyzer.EnforcementLevel.MANDATORY, `Lambda function 'webhook-validator' must use the arm64 architecture (architectures: ["arm64"]); it is ["x86_64"].`],
    ]);
  });

  it("reads protect from the resource options", async () => {
    expect(diagnostics(await call<analyzer.AnalyzeResponse>(client.analyze, analyzeRequest(compliant, true)))).toEqual([
      ["resources-destroyable", analyzer.EnforcementLevel.MANDATORY, "Resource 'webhook-validator' (aws:lambda/function:Function) must be destroyable; resource option protect is true."],
    ]);
  });

  it("applies a waiver from --policy-pack-config as an advisory WAIVED diagnostic", async () => {
    const req = new analyzer.ConfigureAnalyzerRequest();
    req.getPolicyconfigMap().set(
      "lambda-arm64",
      new analyzer.PolicyConfig()
        .setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY)
        .setProperties(Struct.fromJavaScript({ waivers: [{ resource: "webhook-*", reason: REASON, expires: "2999-12-31" }] })),
    );
    await call<Empty>(client.configure, req);
    expect(diagnostics(await call<analyzer.AnalyzeResponse>(client.analyze, analyzeRequest({ ...compliant, architectures: ["x86_64"] })))).toEqual([
      [
        "lambda-arm64",
        analyzer.EnforcementLevel.ADVISORY,
        `WAIVED until 2999-12-31 (${REASON}): Lambda function 'webhook-validator' must use the arm64 architecture (architectures: ["arm64"]); it is ["x86_64"].`,
      ],
    ]);
  });

  it("downgrades an unknown preview value to an advisory 'can't run during preview'", async () => {
    await call<Empty>(client.configure, new analyzer.ConfigureAnalyzerRequest());
    // CrossGuard's wire sentinel for an unknown value (@pulumi/pulumi runtime/rpc unknownValue).
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const res = await call<analyzer.AnalyzeResponse>(client.analyze, analyzeRequest({ ...compliant, architectures: unknown }));
    expect(diagnostics(res)).toEqual([
      [
        "lambda-arm64",
        analyzer.EnforcementLevel.ADVISORY,
        "can't run policy 'lambda-arm64' from policy pack 'payment-webhooks-guard@v0.1.0' during preview: string value at .architectures can't be known during preview",
      ],
    ]);
  });

  it("runs the stack policy over outputs: environment variables under a key of this stack pass, the AWS-managed key fails", async () => {
    const keyArn = "arn:aws:kms:us-east-1:123456789012:key/k1";
    const resource = (type: string, name: string, props: Record<string, unknown>) =>
      new analyzer.AnalyzerResource()
        .setType(type)
        .setName(name)
        .setUrn(`urn:pulumi:dev::payment-webhooks::${type}::${name}`)
        .setProperties(Struct.fromJavaScript(props as never))
        .setOptions(options());
    const key = resource("aws:kms/key:Key", "payment-webhooks", { arn: keyArn, keyId: "k1", enableKeyRotation: true });
    const fn = (kmsKeyArn: string) => resource("aws:lambda/function:Function", "webhook-validator", { ...compliant, kmsKeyArn, environment: { variables: { A: "b" } } });
    const stackDiagnostics = async (kmsKeyArn: string) =>
      diagnostics(await call<analyzer.AnalyzeResponse>(client.analyzeStack, new analyzer.AnalyzeStackRequest().setResourcesList([key, fn(kmsKeyArn)]))).filter(([policy]) => policy === "lambda-environment-cmk");
    expect(await stackDiagnostics(keyArn)).toEqual([]);
    expect(await stackDiagnostics("arn:aws:kms:us-east-1:123456789012:alias/aws/lambda")).toEqual([
      [
        "lambda-environment-cmk",
        analyzer.EnforcementLevel.MANDATORY,
        "Lambda function 'webhook-validator' must encrypt its environment variables with a customer-managed KMS key created in this stack; kmsKeyArn 'arn:aws:kms:us-east-1:123456789012:alias/aws/lambda' is an AWS-managed key.",
      ],
    ]);
  });
});
