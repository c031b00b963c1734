/**
 * JUnit XML for CI test tabs: a suite per policy, a test case per resource the policy applies
 * to; a mandatory violation is a <failure>, an advisory one passes with <system-out>, a waived
 * one is <skipped> with the waiver. A "waivers" suite lists every waiver.
 */
import type { GateResult } from "../gate";

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(" ");
}

export function renderJunit(result: GateResult): string {
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  for (const run of result.runs) {
    const findings = result.findings.filter((f) => f.policy === run.policy);
    const urns = [...new Set([...run.applicableUrns, ...findings.map((f) => f.resourceUrn || f.resourceName)])];
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    if (run.configuredLevel === "disabled") {
      cases.push(`    <testcase ${attrs({ classname: run.policy, name: "(policy)" })}><skipped message="disabled by config"/></testcase>`);
      suiteSkipped++;
    }
    for (const urn of urns) {
      const own = findings.filter((f) => (f.resourceUrn || f.resourceName) === urn);
      const name = own[0]?.resourceName || urn.split("::").pop() || urn;
      const mandatory = own.filter((f) => f.enforcementLevel === "mandatory");
      const waived = own.filter((f) => f.verdict === "waived");
      let body = "";
      if (mandatory.length > 0) {
        suiteFailures++;
        body = `<failure ${attrs({ message: mandatory[0]?.message ?? "", type: "mandatory" })}>${escapeXml(mandatory.map((f) => f.message).join("\n"))}</failure>`;
      } else if (waived.length > 0) {
        suiteSkipped++;
        const w = waived[0]?.waiver;
        body = `<skipped ${attrs({ message: `waived until ${w?.expires ?? "?"}: ${w?.reason ?? ""}` })}/>`;
      } else if (own.length > 0) {
        body = `<system-out>${escapeXml(own.map((f) => `[${f.enforcementLevel}] ${f.message}`).join("\n"))}</system-out>`;
      }
      cases.push(`    <testcase ${attrs({ classname: run.policy, name })}>${body}</testcase>`);
    }
    total += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(`  <testsuite ${attrs({ name: run.policy, tests: cases.length, failures: suiteFailures, errors: 0, skipped: suiteSkipped })}>\n${cases.join("\n")}\n  </testsuite>`);
  }
  const waiverCases = result.waivers.map((w) => {
    const body = w.status === "active" ? "" : `<failure ${attrs({ message: `waiver ${w.problem}`, type: w.status })}/>`;
    return `    <testcase ${attrs({ classname: "waivers", name: `${w.policy} ${w.resource} (expires ${w.expires || "?"}; matches ${w.matchedUrns.length}; reason: ${w.reason || "-"})` })}>${body}</testcase>`;
  });
  const waiverFailures = result.waivers.filter((w) => w.status !== "active").length;
  suites.push(`  <testsuite ${attrs({ name: "waivers", tests: waiverCases.length, failures: waiverFailures, errors: 0, skipped: 0 })}>\n${waiverCases.join("\n")}\n  </testsuite>`);
  total += waiverCases.length;
  failures += waiverFailures;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attrs({ name: `${result.packName} on ${result.stack}`, tests: total, failures, errors: 0, skipped })}>\n${suites.join("\n")}\n</testsuites>\n`;
}
