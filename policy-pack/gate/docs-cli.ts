/** `npm run policy:docs` — regenerates docs/policies.md from the policies' metadata. */
import * as fs from "node:fs";
import * as path from "node:path";
import { createPolicies, POLICY_PACK_NAME } from "../policies";
import { renderCatalog } from "./catalog";
import { packVersion } from "./gate";

export const CATALOG_PATH = path.join(__dirname, "..", "..", "docs", "policies.md");

export function currentCatalog(): string {
  return renderCatalog(createPolicies(), POLICY_PACK_NAME, packVersion());
}

if (require.main === module) {
  fs.writeFileSync(CATALOG_PATH, currentCatalog());
  process.stdout.write(`wrote ${path.relative(process.cwd(), CATALOG_PATH)}\n`);
}
