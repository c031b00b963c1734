/**
 * SARIF 2.1.0 for code-scanning UIs. Rules carry the catalog metadata; each finding is a result
 * located at the program entry point with the resource URN as a logical location; waived
 * findings carry an accepted external suppression with the waiver's reason, and the full waiver
 * list is in the run's properties so every waiver is visible.
 */
import type { GateResult } from "../gate";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function renderSarif(result: GateResult, programUri = "index.ts"): string {
  const ruleIndex = new Map(result.policies.map((p, i) => [p.name, i]));
  // The level the policy config resolved to for this run, not the rule's built-in default.
  const configured = new Map(result.runs.map((r) => [r.policy, r.configuredLevel]));
  const sarifLevel = (policy: string): string => {
    const level = configured.get(policy);
    return level === "disabled" ? "none" : level === "advisory" ? "warning" : "error";
  };
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: result.packName,
            version: result.packVersion,
            informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
            rules: result.policies.map((p) => ({
              id: p.name,
              name: p.name,
              shortDescription: { text: p.description },
              fullDescription: { text: p.metadata.rationale },
              help: { text: p.remediationSteps, markdown: `**Remediation:** ${p.remediationSteps}\n\nSee docs/policies.md#${p.name}` },
              defaultConfiguration: { enabled: configured.get(p.name) !== "disabled", level: sarifLevel(p.name) },
              properties: {
                severity: p.metadata.severity,
                tags: [p.metadata.area, ...p.metadata.mappings.checkov, ...p.metadata.mappings.cdkNag, ...p.metadata.mappings.pciDss.map((r) => `PCI-DSS-${r}`)],
              },
            })),
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.policy,
          ruleIndex: ruleIndex.get(f.policy) ?? -1,
          level: f.verdict === "preview-unknown" ? "note" : f.enforcementLevel === "mandatory" ? "error" : "warning",
          message: { text: f.message },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: programUri } },
              logicalLocations: [{ name: f.resourceName, fullyQualifiedName: f.resourceUrn || f.resourceName, kind: "resource" }],
            },
          ],
          ...(f.waiver ? { suppressions: [{ kind: "external", status: "accepted", justification: `${f.waiver.reason} (expires ${f.waiver.expires})` }] } : {}),
          properties: { resourceType: f.resourceType, verdict: f.verdict, severity: f.severity },
        })),
        properties: { stack: result.stack, waivers: result.waivers },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
