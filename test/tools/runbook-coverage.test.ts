/**
 * docs/runbook.md has one entry per alarm the stack creates. The oracle is the program itself:
 * index.ts runs under Pulumi mocks and every CloudWatch alarm it registers must have a
 * "### `<alarm name without suffix>`" heading; every such heading must name a real alarm.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runStack, SUFFIX } from "../support/stack-harness";

const RUNBOOK = readFileSync(join(__dirname, "..", "..", "docs", "runbook.md"), "utf8");

function alarmSection(markdown: string): string {
  const start = markdown.indexOf("\n## Alarms");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** The `### \`name\`` headings of the alarm section, each with the text up to the next heading. */
function runbookEntries(markdown: string): Map<string, string> {
  const entries = new Map<string, string>();
  const parts = alarmSection(markdown).split(/\n### /).slice(1);
  for (const part of parts) {
    const name = /^`([^`]+)`/.exec(part)?.[1];
    if (name) entries.set(name, part);
  }
  return entries;
}

describe("docs/runbook.md", () => {
  let alarmNames: string[];

  beforeAll(async () => {
    const stack = await runStack();
    alarmNames = stack.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => String(alarm.inputs.name));
  });

  it("finds the stack's alarms (the check below would pass vacuously on none)", () => {
    expect(alarmNames.length).toBeGreaterThan(0);
    for (const name of alarmNames) expect(name.endsWith(`-${SUFFIX}`)).toBe(true);
  });

  it("has an entry for every alarm the stack creates, saying what it means, what to check and what to do", () => {
    const entries = runbookEntries(RUNBOOK);
    const missing = alarmNames.map((name) => name.slice(0, -`-${SUFFIX}`.length)).filter((what) => !entries.has(what));
    expect(missing).toEqual([]);
    for (const [name, text] of entries) {
      expect({ name, means: text.includes("**Means:**"), check: text.includes("**Check:**"), act: text.includes("**Act:**") }).toEqual({ name, means: true, check: true, act: true });
    }
  });

  it("has no entry for an alarm the stack does not create", () => {
    const created = new Set(alarmNames.map((name) => name.slice(0, -`-${SUFFIX}`.length)));
    expect([...runbookEntries(RUNBOOK).keys()].filter((name) => !created.has(name))).toEqual([]);
  });

  it("covers secret rotation, point-in-time recovery and following one webhook", () => {
    for (const heading of ["### Rotate a provider signing secret with no downtime", "### Restore the table with point-in-time recovery", "### Follow one webhook end to end"]) {
      expect(RUNBOOK).toContain(heading);
    }
  });
});
