/**
 * The gate and CrossGuard must agree. Every fixture program in test/fixtures/policy runs through
 * the gate (`runGate`, as `npm run policy:check` does) and — as the Pulumi CLI would hand it over
 * — through the pack served by @pulumi/policy's own analyzer server over gRPC: resource inputs
 * to Analyze and outputs to AnalyzeStack with secrets still wrapped in Pulumi's signature, the
 * default aws provider's region, and Configure with every policy's level and its config schema
 * defaults (what the CLI sends without --policy-pack-config). The verdicts — policy, level,
 * resource URN and message — must be identical, except where the CLI withholds an input: it
 * does not pass the retainOnDelete option to analyzers, which the table below shows.
 */
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { createPolicies } from "../../policy-pack/policies";
import { runGate } from "../../policy-pack/gate/gate";
import type { CapturedResource } from "../../policy-pack/gate/mocked-program";
import { resolvePolicyConfig } from "../../policy-pack/gate/policy-config";
import { isolatedProgram } from "../support/isolated-program";
import { startPackAnalyzer, unaryCall } from "./support/pack-analyzer";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "policy");
const CONFIG = { "aws:region": "us-east-1", "payment-webhooks:environmentSuffix": "dev" };
const LEVELS: Record<string, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  disabled: analyzer.EnforcementLevel.DISABLED,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
};

/** Fixture programs: every .ts file but the shared builder. */
const FIXTURE_NAMES = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".ts") && f !== "compliant-stack.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();

type Verdict = [policy: string, level: string, urn: string, message: string];

let server: ChildProcess;
let client: AnalyzerClient;

function call<Res>(method: unknown, req: unknown): Promise<Res> {
  return unaryCall<Res>(client, method, req);
}

/**
 * A fresh module registry per run (a cached fixture module would register nothing the second
 * time); installed packages (the Pulumi SDKs among them) are loaded once for the whole file and
 * shared by every run (../support/isolated-program.ts).
 */
function loadFixture(name: string): () => unknown {
  return isolatedProgram(path.join(FIXTURES, `${name}.ts`));
}

/** Values the wire can carry: assets (class instances, promises) become a marker no policy reads. */
function wireValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wireValue);
  if (value === undefined) return null;
  if (typeof value !== "object" || value === null) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return "<asset>";
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, wireValue(inner)]));
}

function struct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(wireValue(value) as never);
}

function options(resource: CapturedResource): analyzer.AnalyzerResourceOptions {
  return new analyzer.AnalyzerResourceOptions().setProtect(resource.protect).setParent(resource.parent).setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
}

function provider(resource: CapturedResource): analyzer.AnalyzerProviderResource | undefined {
  if (!resource.type.startsWith("aws:")) return undefined;
  return new analyzer.AnalyzerProviderResource().setType("pulumi:providers:aws").setName("default").setUrn("").setProperties(struct({ region: CONFIG["aws:region"] }));
}

function diagnostics(response: analyzer.AnalyzeResponse, fallbackUrn: string): Verdict[] {
  return response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY ? "mandatory" : "advisory", d.getUrn() || fallbackUrn, d.getMessage()]);
}

async function crossGuardVerdicts(resources: CapturedResource[]): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const resource of resources) {
    const request = new analyzer.AnalyzeRequest().setType(resource.type).setName(resource.name).setUrn(resource.urn).setProperties(struct(resource.inputs)).setOptions(options(resource)).setProvider(provider(resource));
    verdicts.push(...diagnostics(await call<analyzer.AnalyzeResponse>(client.analyze, request), resource.urn));
  }
  const stack = resources.map((resource) =>
    new analyzer.AnalyzerResource().setType(resource.type).setName(resource.name).setUrn(resource.urn).setProperties(struct(resource.state)).setOptions(options(resource)).setParent(resource.parent).setProvider(provider(resource)),
  );
  verdicts.push(...diagnostics(await call<analyzer.AnalyzeResponse>(client.analyzeStack, new analyzer.AnalyzeStackRequest().setResourcesList(stack)), ""));
  return verdicts.sort();
}

/** The gate's verdicts, and the resources the program registered (one run serves both sides). */
async function gateRun(fixture: string): Promise<{ verdicts: Verdict[]; resources: CapturedResource[] }> {
  let resources: CapturedResource[] = [];
  const result = await runGate({ program: loadFixture(fixture), config: CONFIG, observeResources: (captured) => (resources = captured) });
  return { verdicts: result.findings.map((f): Verdict => [f.policy, f.enforcementLevel, f.resourceUrn, f.message]).sort(), resources };
}

beforeAll(async () => {
  ({ server, client } = await startPackAnalyzer());
  // The CLI sends each policy's level and its config with the schema defaults filled in.
  const configure = new analyzer.ConfigureAnalyzerRequest();
  for (const [name, resolved] of resolvePolicyConfig(createPolicies(), {}, "advisory")) {
    configure.getPolicyconfigMap().set(name, new analyzer.PolicyConfig().setEnforcementlevel(LEVELS[resolved.enforcementLevel] ?? analyzer.EnforcementLevel.ADVISORY).setProperties(struct(resolved.properties)));
  }
  await call<Empty>(client.configure, configure);
}, 60_000);

afterAll(() => {
  client?.close();
  server?.kill();
});

/** What only the gate reports, because the CLI does not pass that input to analyzers. */
const DOCUMENTED_DIFFERENCES: Record<string, string[]> = {
  "retain-on-delete": ["resources-destroyable: resource option retainOnDelete (not in CrossGuard's AnalyzerResourceOptions)"],
};

describe("gate vs CrossGuard's analyzer server, fixture by fixture", () => {
  const table: Array<{ fixture: string; gate: string[]; crossGuard: string[]; gateOnly: string[] }> = [];

  it.each(FIXTURE_NAMES)("%s: identical verdicts", async (fixture) => {
    const { verdicts: gate, resources } = await gateRun(fixture);
    expect(resources.length).toBeGreaterThan(0);
    const crossGuard = await crossGuardVerdicts(resources);
    const key = (v: Verdict) => v.join(" | ");
    const gateOnly = gate.filter((v) => !crossGuard.map(key).includes(key(v)));
    const crossGuardOnly = crossGuard.filter((v) => !gate.map(key).includes(key(v)));
    table.push({ fixture, gate: gate.map((v) => `${v[1]} ${v[0]}`), crossGuard: crossGuard.map((v) => `${v[1]} ${v[0]}`), gateOnly: gateOnly.map((v) => v[0]) });
    expect(crossGuardOnly).toEqual([]);
    if (fixture in DOCUMENTED_DIFFERENCES) {
      expect(gateOnly.map((v) => [v[0], v[1]])).toEqual([["resources-destroyable", "mandatory"]]);
      expect(gateOnly[0]?.[3]).toContain("resource option retainOnDelete is true");
    } else {
      expect(gateOnly).toEqual([]);
    }
  });

  afterAll(() => {
    // The verdict table, for reviewers reading the test output.
    const rows = table.map((r) => `${r.fixture.padEnd(36)} gate: ${r.gate.join(", ") || "pass"}; CrossGuard: ${r.crossGuard.join(", ") || "pass"}${r.gateOnly.length ? `; gate only: ${DOCUMENTED_DIFFERENCES[r.fixture]?.join("; ") ?? r.gateOnly.join(", ")}` : ""}`);
    process.stdout.write(`${rows.join("\n")}\n`);
  });
});
