/**
 * The licence check over what ships (program and policy pack dependency trees). Copyleft SPDX
 * identifiers: https://spdx.org/licenses/ ; npm's lockfile `packages` layout:
 * https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json#packages
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isCopyleft, licenceFindings, productionTree, type Lockfile } from "../../scripts/licence-tree";

const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package-lock.json"), "utf8")) as Lockfile;

describe("licences of the shipped dependency trees", () => {
  it("are neither copyleft nor undeclared", () => {
    expect(licenceFindings(lock)).toEqual([]);
  });

  it("leave the AGPL IAM evaluator out: it is installed, but only as a devDependency", () => {
    expect(lock.packages["node_modules/@cloud-copilot/iam-simulate"]?.license).toBe("AGPL-3.0-or-later");
    expect(productionTree(lock, ["", "policy-pack"]).has("node_modules/@cloud-copilot/iam-simulate")).toBe(false);
    expect(productionTree(lock, ["", "policy-pack"]).has("node_modules/@pulumi/policy")).toBe(true);
  });
});

describe("the licence check", () => {
  const synthetic: Lockfile = {
    packages: {
      "": { dependencies: { app: "1" }, optionalDependencies: {} },
      "node_modules/app": { license: "MIT", dependencies: { inner: "1", dual: "1" } },
      "node_modules/app/node_modules/inner": { license: "AGPL-3.0-only" },
      "node_modules/inner": { license: "MIT" },
      "node_modules/dual": { license: "(MIT OR GPL-3.0-or-later)" },
      "node_modules/dev-only": { license: "GPL-3.0-only", dev: true },
    },
  };

  it("follows npm's nested resolution and finds a copyleft package deep in the tree", () => {
    expect(licenceFindings(synthetic)).toEqual([{ path: "node_modules/app/node_modules/inner", license: "AGPL-3.0-only" }]);
  });

  it.each([
    ["MIT", false],
    ["GPL-2.0-only", true],
    ["LGPL-3.0-or-later", true],
    ["MPL-2.0", true],
    ["(MIT OR GPL-3.0-or-later)", false],
    ["MIT AND GPL-3.0-only", true],
    ["Apache-2.0", false],
  ])("%s is copyleft: %s", (expression, expected) => {
    expect(isCopyleft(expression)).toBe(expected);
  });
});
