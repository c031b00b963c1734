/**
 * README.md stays true to the code: the config reference lists every key with the default the
 * code applies, and the outputs table lists every stack output index.ts exports.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_DEFAULTS } from "../../lib/config";

const root = path.join(__dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

function tableRows(heading: string): Map<string, string[]> {
  const section = readme.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`README has no "## ${heading}" section`);
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n").filter((l) => /^\| `/.test(l))) {
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    for (const key of cells[0].matchAll(/`([^`]+)`/g)) rows.set(key[1], cells.slice(1));
  }
  return rows;
}

it("documents every config key with the default the code applies", () => {
  const rows = tableRows("Configuration reference");
  for (const [key, value] of Object.entries(CONFIG_DEFAULTS)) {
    expect({ key, default: rows.get(key)?.[0] }).toEqual({ key, default: `\`${String(value)}\`` });
  }
  const keysWithoutScalarDefault = ["environmentSuffix", "alarmEmail", "signingSecrets", "providerSettings", "chargeRetrySchedules"];
  for (const key of keysWithoutScalarDefault) expect(rows.has(key)).toBe(true);
  expect(rows.size).toBe(Object.keys(CONFIG_DEFAULTS).length + keysWithoutScalarDefault.length);
});

it("documents every stack output", () => {
  const exported = [...fs.readFileSync(path.join(root, "index.ts"), "utf8").matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
  expect(exported.length).toBeGreaterThanOrEqual(7);
  const rows = tableRows("Outputs");
  expect(exported.filter((name) => !rows.has(name))).toEqual([]);
});

it("keeps the headings the README promises its readers", () => {
  expect(readme).toMatch(/^## Compliance$/m);
  expect(readme).toMatch(/^## Local run$/m);
});
