/**
 * Derives, from the installed @pulumi/aws package, the resource properties the pack must read:
 * - every input property that can hold a policy document (name ends in Policy/Policies/
 *   PolicyDocument/PolicyText and the value is a string or a PolicyDocument), including ones
 *   nested in input types (`aws.iam.Role`'s `inlinePolicies[].policy`);
 * - every boolean input that can keep a resource from being deleted (deletion/termination
 *   protection, skipDestroy, retain*, forceDestroy/forceDelete) and string-valued deletion
 *   protection;
 * - every physical-name property Pulumi can auto-name (a property `X` with an `XPrefix` sibling).
 *
 * Why the TypeScript declarations: @pulumi/aws ships no schema.json, but its `.d.ts` files are
 * generated from the provider schema (each resource's `<Resource>Args` interface lists exactly
 * the schema's input properties, with their types and docs) and each class's `.js` carries the
 * type token (`static __pulumiType`). Build-time and test-time only: the pack reads the
 * generated list (policies/aws-provider-schema.generated.ts), never node_modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import type { DerivedProperty, DerivedProtectionProperty, DerivedProviderSchema } from "../../policies/provider-schema-types";

export type { DerivedProviderSchema };

const POLICY_PROPERTY = /(?:^p|P)olic(?:y|ies)(?:Document|Text)?$/;
const PROTECTION_PROPERTY = /[Pp]rotection(?:Enabled)?$|^enableDeletionProtection$|^skipDestroy$|^disableApiTermination$|^retain(?:OnDelete|Stacks?|PhysicalResources)$|^force(?:Destroy|Delete)/;
/** Nesting depth followed into `inputs.<module>.<Type>` for nested carriers. */
const MAX_DEPTH = 3;

interface Member {
  name: string;
  typeText: string;
  doc: string;
}

function membersOf(node: ts.InterfaceDeclaration): Member[] {
  return node.members.filter(ts.isPropertySignature).map((m) => ({
    name: m.name.getText(),
    typeText: m.type?.getText() ?? "",
    doc: ts
      .getJSDocCommentsAndTags(m)
      .map((d) => d.getText())
      .join(" ")
      .replace(/\s+/g, " "),
  }));
}

/** "By default it is `true`", "Defaults to `true`", "The default is true". */
const ON_BY_DEFAULT = /(?:by default it is|defaults to|the default is|default value is) `?true`?/i;

function isStringLike(typeText: string): boolean {
  return /\bstring\b|PolicyDocument\b/.test(typeText) && !/\bstring\s*\[\]|Input<string>\[\]/.test(typeText);
}

function isBoolean(typeText: string): boolean {
  return /\bboolean\b/.test(typeText);
}

/** `inputs.iam.RoleInlinePolicy` references in a property type, with whether it is a list. */
function nestedInputTypes(typeText: string): { ref: string; list: boolean }[] {
  return [...typeText.matchAll(/inputs\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)(>?\[\])?/g)].map((m) => ({ ref: `${m[1]}.${m[2]}`, list: m[3] !== undefined || /\[\]/.test(typeText) }));
}

/** Interfaces of types/input.d.ts by `<module>.<Type>`. */
function readInputTypes(providerRoot: string): Map<string, Member[]> {
  const file = path.join(providerRoot, "types", "input.d.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const types = new Map<string, Member[]>();
  const visit = (node: ts.Node, namespace: string): void => {
    if (ts.isModuleDeclaration(node) && node.body) {
      const inner = namespace ? `${namespace}.${node.name.getText()}` : node.name.getText();
      node.body.forEachChild((child) => visit(child, inner));
    } else if (ts.isModuleBlock(node)) {
      node.forEachChild((child) => visit(child, namespace));
    } else if (ts.isInterfaceDeclaration(node) && namespace) {
      types.set(`${namespace}.${node.name.text}`, membersOf(node));
    }
  };
  source.forEachChild((node) => visit(node, ""));
  return types;
}

function policyPaths(members: Member[], inputTypes: Map<string, Member[]>, prefix: string, depth: number): string[] {
  const paths: string[] = [];
  for (const member of members) {
    const here = prefix ? `${prefix}.${member.name}` : member.name;
    if (POLICY_PROPERTY.test(member.name) && isStringLike(member.typeText) && !/inputs\.[A-Za-z0-9]+\.(?!PolicyDocument\b)/.test(member.typeText)) paths.push(here);
    if (depth >= MAX_DEPTH) continue;
    for (const nested of nestedInputTypes(member.typeText)) {
      const nestedMembers = inputTypes.get(nested.ref);
      if (nestedMembers && !nested.ref.endsWith(".PolicyDocument")) paths.push(...policyPaths(nestedMembers, inputTypes, nested.list ? `${here}[]` : here, depth + 1));
    }
  }
  return paths;
}

function byTypeAndPath<T extends DerivedProperty>(a: T, b: T): number {
  return a.type === b.type ? a.path.localeCompare(b.path) : a.type.localeCompare(b.type);
}

export function providerRoot(): string {
  return path.dirname(require.resolve("@pulumi/aws/package.json"));
}

export function deriveProviderSchema(root: string = providerRoot()): DerivedProviderSchema {
  const inputTypes = readInputTypes(root);
  const policyDocumentProperties: DerivedProperty[] = [];
  const protectionProperties: DerivedProtectionProperty[] = [];
  const autoNamedProperties: DerivedProperty[] = [];
  for (const moduleName of fs.readdirSync(root)) {
    const dir = path.join(root, moduleName);
    if (moduleName === "types" || moduleName === "node_modules" || !fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".js"))) {
      const token = /static __pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(dir, file), "utf8"))?.[1];
      const declarations = path.join(dir, file.replace(/\.js$/, ".d.ts"));
      if (!token || !fs.existsSync(declarations)) continue;
      const source = ts.createSourceFile(declarations, fs.readFileSync(declarations, "utf8"), ts.ScriptTarget.Latest, true);
      source.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith("Args")) return;
        const members = membersOf(node);
        for (const p of policyPaths(members, inputTypes, "", 1)) policyDocumentProperties.push({ type: token, path: p });
        for (const member of members) {
          if (PROTECTION_PROPERTY.test(member.name) && (isBoolean(member.typeText) || /\bstring\b/.test(member.typeText))) {
            protectionProperties.push({ type: token, path: member.name, valueType: isBoolean(member.typeText) ? "boolean" : "string", onByDefault: ON_BY_DEFAULT.test(member.doc) });
          }
          if (member.name !== "name" && members.some((m) => m.name === `${member.name}Prefix`)) autoNamedProperties.push({ type: token, path: member.name });
        }
      });
    }
  }
  const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  return {
    providerVersion: version,
    policyDocumentProperties: policyDocumentProperties.sort(byTypeAndPath),
    protectionProperties: protectionProperties.sort(byTypeAndPath),
    autoNamedProperties: autoNamedProperties.sort(byTypeAndPath),
  };
}
