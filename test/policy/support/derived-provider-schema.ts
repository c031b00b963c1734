/**
 * `deriveProviderSchema()` reads ~2,700 declaration files of @pulumi/aws with the TypeScript
 * parser: about 5 s of CPU, for a result that only changes when its inputs do. This returns the
 * derivation, kept in .cache/provider-schema/ under a hash of every input: the installed
 * @pulumi/aws and TypeScript versions and the source of the deriving code. A provider upgrade,
 * a TypeScript upgrade or an edit to the derivation is a new key, so it is derived afresh; a fresh
 * checkout (CI) has no cache and always derives.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { deriveProviderSchema, providerRoot, type DerivedProviderSchema } from "../../../policy-pack/gate/provider-schema/derive";

const ROOT = path.join(__dirname, "..", "..", "..");
const CACHE_DIR = path.join(ROOT, ".cache", "provider-schema");
const DERIVING_SOURCES = ["policy-pack/gate/provider-schema/derive.ts", "policy-pack/policies/provider-schema-types.ts"];

function packageVersion(packageJson: string): string {
  return (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version: string }).version;
}

function inputsKey(): string {
  const hash = createHash("sha256");
  hash.update(`@pulumi/aws ${packageVersion(path.join(providerRoot(), "package.json"))}\n`);
  hash.update(`typescript ${packageVersion(require.resolve("typescript/package.json"))}\n`);
  for (const source of DERIVING_SOURCES) hash.update(`${source}\n`).update(fs.readFileSync(path.join(ROOT, source)));
  return hash.digest("hex");
}

export function derivedProviderSchema(): DerivedProviderSchema {
  const file = path.join(CACHE_DIR, `${inputsKey()}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as DerivedProviderSchema;
  const derived = deriveProviderSchema();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Written whole under a temporary name, then renamed: a concurrent reader never sees half a file.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(derived));
  fs.renameSync(partial, file);
  return derived;
}
