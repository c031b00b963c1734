/** `npm run licences`: fails when a shipped dependency (program or policy pack) is copyleft or unlicensed. */
import * as fs from "node:fs";
import * as path from "node:path";
import { licenceFindings, productionTree, type Lockfile } from "./licence-tree";

const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package-lock.json"), "utf8")) as Lockfile;
const findings = licenceFindings(lock);
console.log(`checked ${productionTree(lock, ["", "policy-pack"]).size - 2} shipped packages (program and policy pack)`);
for (const finding of findings) console.error(`refused: ${finding.path} (${finding.license})`);
if (findings.length > 0) process.exitCode = 1;
