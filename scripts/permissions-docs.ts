/**
 * `npm run permissions:docs`: evaluates the access map against the program's policies and
 * writes docs/permissions.md. A tool, so it may use the AGPL evaluator (a devDependency).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { accessMap } from "../test/support/permissions/access-map";
import { deployedStack } from "../test/support/permissions/deployed-stack";
import { evaluateAccessMap } from "../test/support/permissions/evaluate-access";
import { renderPermissionsReport } from "../test/support/permissions/permissions-report";

export const PERMISSIONS_DOC = path.resolve(__dirname, "..", "docs", "permissions.md");

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stack = await deployedStack(() => require("../index"));
  const verdicts = await evaluateAccessMap(stack, accessMap(stack));
  fs.writeFileSync(PERMISSIONS_DOC, renderPermissionsReport(verdicts));
  const denied = verdicts.filter((verdict) => verdict.result !== "Allowed");
  console.log(`wrote ${path.relative(process.cwd(), PERMISSIONS_DOC)}: ${verdicts.length} calls, ${denied.length} not allowed`);
  if (denied.length > 0) process.exitCode = 1;
}

void main();
