/** Machine-readable report: every finding, every policy's level and every waiver. */
import type { GateResult } from "../gate";

export function renderJson(result: GateResult): string {
  return JSON.stringify(
    {
      pack: { name: result.packName, version: result.packVersion },
      stack: result.stack,
      generatedAt: result.generatedAt,
      summary: { resources: result.resourceCount, policies: result.policies.length, findings: result.findings.length, mandatoryViolations: result.mandatoryViolations },
      policies: result.runs.map((run) => {
        const policy = result.policies.find((p) => p.name === run.policy);
        return { name: run.policy, enforcementLevel: run.configuredLevel, severity: policy?.severity, applicableResources: run.applicableUrns.length, mappings: policy?.metadata.mappings };
      }),
      findings: result.findings,
      waivers: result.waivers,
    },
    null,
    2,
  );
}
