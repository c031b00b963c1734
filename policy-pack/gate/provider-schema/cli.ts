/**
 * `tsx policy-pack/gate/provider-schema/cli.ts` — regenerates policies/aws-provider-schema.generated.ts
 * from the installed @pulumi/aws after an upgrade. A test fails while the file is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { deriveProviderSchema, type DerivedProviderSchema } from "./derive";

export const GENERATED_PATH = path.join(__dirname, "..", "..", "policies", "aws-provider-schema.generated.ts");

export function renderGenerated(schema: DerivedProviderSchema): string {
  return [
    "/**",
    ` * Derived from @pulumi/aws ${schema.providerVersion} by policy-pack/gate/provider-schema/cli.ts; do not edit.`,
    " * Policy-document, deletion-protection and auto-named physical-name input properties of every",
    " * resource type (see policy-pack/gate/provider-schema/derive.ts for how they are found).",
    " */",
    'import type { DerivedProviderSchema } from "./provider-schema-types";',
    "",
    `export const AWS_PROVIDER_SCHEMA: DerivedProviderSchema = ${JSON.stringify(schema, null, 2)};`,
    "",
  ].join("\n");
}

if (require.main === module) {
  fs.writeFileSync(GENERATED_PATH, renderGenerated(deriveProviderSchema()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), GENERATED_PATH)}\n`);
}
