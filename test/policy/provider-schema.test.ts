/**
 * The pack's carrier, protection and physical-name lists come from the AWS provider itself
 * (@pulumi/aws's generated declarations; see policy-pack/gate/provider-schema/derive.ts). These
 * tests re-derive them from the installed provider (./support/derived-provider-schema.ts keeps a
 * derivation until the provider, TypeScript or the deriving code changes): they fail when the
 * provider gains a property the pack has not judged, or when a judgement names a property that no
 * longer exists.
 */
import { GENERATED_PATH, renderGenerated } from "../../policy-pack/gate/provider-schema/cli";
import * as fs from "node:fs";
import {
  CARRIER_PROPERTIES,
  FORCE_FLAGS_NOT_ABOUT_DATA,
  IDENTITY_DOCUMENTS,
  NOT_IAM_DOCUMENT_NAMES,
  NOT_IAM_DOCUMENTS,
  PROTECTION_MEANINGS,
  TRUST_DOCUMENTS,
} from "../../policy-pack/policies/provider-properties";
import { carriedDocuments, POLICY_CARRIER_TYPE_TOKENS } from "../../policy-pack/policies/iam-documents";
import { derivedProviderSchema } from "./support/derived-provider-schema";

const derived = derivedProviderSchema();
const keys = (list: { type: string; path: string }[]) => new Set(list.map((p) => `${p.type} ${p.path}`));

describe("lists derived from the AWS provider", () => {
  it("aws-provider-schema.generated.ts is what the installed provider yields (regenerate with `npx tsx policy-pack/gate/provider-schema/cli.ts`)", () => {
    expect(fs.readFileSync(GENERATED_PATH, "utf8")).toBe(renderGenerated(derived));
  });

  it("finds the carriers the pack promised to read, including nested and resource-policy ones", () => {
    const found = keys(derived.policyDocumentProperties);
    for (const expected of [
      "aws:iam/role:Role assumeRolePolicy",
      "aws:iam/role:Role inlinePolicies[].policy",
      "aws:dynamodb/resourcePolicy:ResourcePolicy policy",
      "aws:apigateway/restApi:RestApi policy",
      "aws:apigateway/restApiPolicy:RestApiPolicy policy",
      "aws:secretsmanager/secretPolicy:SecretPolicy policy",
      "aws:secretsmanager/secret:Secret policy",
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy policyDocument",
    ]) {
      expect(found).toContain(expected);
    }
  });

  it("every judgement names a property the provider has (no stale entries)", () => {
    const documentKeys = keys(derived.policyDocumentProperties);
    const documentNames = new Set(derived.policyDocumentProperties.map((p) => p.path.split(/[.[\]]+/).filter(Boolean).pop()));
    for (const key of [...Object.keys(NOT_IAM_DOCUMENTS), ...IDENTITY_DOCUMENTS, ...TRUST_DOCUMENTS]) expect(documentKeys).toContain(key);
    for (const name of Object.keys(NOT_IAM_DOCUMENT_NAMES)) expect(documentNames).toContain(name);
    const protectionKeys = keys(derived.protectionProperties);
    for (const key of Object.keys(FORCE_FLAGS_NOT_ABOUT_DATA)) expect(protectionKeys).toContain(key);
  });

  it("every protection-like property name the provider declares has a judged meaning", () => {
    const unjudged = [...new Set(derived.protectionProperties.map((p) => p.path))].filter((name) => !(name in PROTECTION_MEANINGS));
    expect(unjudged).toEqual([]);
  });

  it("every policy-document property is either read as a carrier or judged not to be IAM grammar", () => {
    const carriers = new Set([...CARRIER_PROPERTIES.values()].flat().map((p) => `${p.type} ${p.path}`));
    const excluded = derived.policyDocumentProperties.filter((p) => !carriers.has(`${p.type} ${p.path}`));
    for (const p of excluded) {
      const name = p.path.split(/[.[\]]+/).filter(Boolean).pop() ?? "";
      expect([name in NOT_IAM_DOCUMENT_NAMES || `${p.type} ${p.path}` in NOT_IAM_DOCUMENTS, `${p.type} ${p.path}`]).toEqual([true, `${p.type} ${p.path}`]);
    }
    expect(POLICY_CARRIER_TYPE_TOKENS.length).toBeGreaterThan(60);
  });

  it("reads a nested carrier at its concrete path", () => {
    const docs = carriedDocuments("aws:iam/role:Role", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "a", policy: "{}" }, { name: "b" }, { name: "c", policy: "{}" }] });
    expect(docs.map((d) => [d.path, d.kind])).toEqual([
      ["assumeRolePolicy", "trust"],
      ["inlinePolicies[0].policy", "identity"],
      ["inlinePolicies[2].policy", "identity"],
    ]);
  });
});
