/** The human-readable table the CLI prints: one row per finding, then per-policy passes. */
import type { GateResult } from "../gate";

const VERDICT_LABEL: Record<string, string> = { violation: "FAIL", waived: "WAIVED", "preview-unknown": "UNKNOWN" };

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function renderTable(result: GateResult): string {
  const rows: string[][] = [];
  for (const f of result.findings) {
    const verdict = f.verdict === "violation" && f.enforcementLevel === "advisory" ? "WARN" : VERDICT_LABEL[f.verdict] ?? f.verdict;
    rows.push([f.policy, f.enforcementLevel, f.resourceName || f.resourceUrn, verdict, f.message]);
  }
  const failing = new Set(result.findings.map((f) => f.policy));
  for (const run of result.runs) {
    if (run.configuredLevel === "disabled") rows.push([run.policy, "disabled", "-", "SKIPPED", "disabled by config"]);
    else if (!failing.has(run.policy)) rows.push([run.policy, run.configuredLevel, `${run.applicableUrns.length} resource(s)`, "PASS", ""]);
  }
  const header = ["POLICY", "LEVEL", "RESOURCE", "VERDICT", "MESSAGE"];
  const widths = [48, 9, 34, 7];
  const line = (cells: string[]): string => cells.map((c, i) => (i < widths.length ? pad(c, widths[i] ?? 10) : c)).join("  ");
  const waiverLines = result.waivers.map(
    (w) => `  ${w.policy}  ${w.resource}  expires ${w.expires || "?"}  ${w.status.toUpperCase()}${w.problem ? ` (${w.problem})` : ""}  matches ${w.matchedUrns.length}  reason: ${w.reason || "-"}`,
  );
  return [
    line(header),
    ...rows.map(line),
    "",
    `Waivers (${result.waivers.length}):`,
    ...(waiverLines.length ? waiverLines : ["  none"]),
    "",
    `${result.packName}@${result.packVersion} on stack '${result.stack}': ${result.resourceCount} resources, ${result.policies.length} policies, ${result.mandatoryViolations} mandatory violation(s).`,
  ].join("\n");
}
