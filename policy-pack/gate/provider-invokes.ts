/**
 * The AWS provider functions (invokes) a program may call under the gate, answered the way the
 * provider answers them, so a program that builds its policies with `aws.iam.getPolicyDocument`
 * is judged on the same JSON `pulumi up` would deploy.
 *
 * getPolicyDocument follows the provider's `aws_iam_policy_document` data source (Terraform AWS
 * provider, data_source_iam_policy_document.go, which pulumi-aws bridges): Version defaults to
 * 2012-10-17, Effect to Allow; a one-element Action/Resource/principal list becomes a string
 * and longer lists are sorted in reverse; principals merge by type and `{type: "*",
 * identifiers: ["*"]}` becomes `"*"`; conditions become `{test: {variable: values}}`; source
 * documents are merged first, statements with a Sid replace same-Sid ones, override documents
 * replace by Sid last; `json` is indented by two spaces, `minifiedJson` is compact, and `id` is
 * the CRC-32 of `json`, as the provider's hash code.
 */
import { crc32 } from "node:zlib";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "us-east-1";

type Json = Record<string, unknown>;

interface PrincipalBlock {
  type?: string;
  identifiers?: string[];
}

interface ConditionBlock {
  test?: string;
  variable?: string;
  values?: string[];
}

interface StatementBlock {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: PrincipalBlock[];
  notPrincipals?: PrincipalBlock[];
  conditions?: ConditionBlock[];
}

function stringOrList(values: string[]): string | string[] {
  const unique = [...new Set(values)];
  return unique.length === 1 ? (unique[0] as string) : unique.sort().reverse();
}

function principals(blocks: PrincipalBlock[]): unknown {
  if (blocks.length === 1 && blocks[0]?.type === "*" && (blocks[0].identifiers ?? []).every((id) => id === "*")) return "*";
  const byType = new Map<string, string[]>();
  for (const block of blocks) byType.set(String(block.type), [...(byType.get(String(block.type)) ?? []), ...(block.identifiers ?? [])]);
  return Object.fromEntries([...byType].map(([type, ids]) => [type, stringOrList(ids)]));
}

function conditions(blocks: ConditionBlock[]): Json {
  const result: Record<string, Json> = {};
  for (const block of blocks) {
    const test = String(block.test);
    result[test] = { ...(result[test] ?? {}), [String(block.variable)]: stringOrList(block.values ?? []) };
  }
  return result;
}

function renderStatement(block: StatementBlock): Json {
  const statement: Json = {};
  if (block.sid) statement.Sid = block.sid;
  statement.Effect = block.effect ?? "Allow";
  if (block.actions?.length) statement.Action = stringOrList(block.actions);
  if (block.notActions?.length) statement.NotAction = stringOrList(block.notActions);
  if (block.resources?.length) statement.Resource = stringOrList(block.resources);
  if (block.notResources?.length) statement.NotResource = stringOrList(block.notResources);
  if (block.principals?.length) statement.Principal = principals(block.principals);
  if (block.notPrincipals?.length) statement.NotPrincipal = principals(block.notPrincipals);
  if (block.conditions?.length) statement.Condition = conditions(block.conditions);
  return statement;
}

function statementsOfJson(document: string): Json[] {
  const parsed = JSON.parse(document) as { Statement?: unknown };
  const list = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement === undefined ? [] : [parsed.Statement];
  return list as Json[];
}

/** Adds `incoming` to `statements`, replacing a statement with the same Sid. */
function mergeBySid(statements: Json[], incoming: Json[]): Json[] {
  const result = [...statements];
  for (const statement of incoming) {
    const at = typeof statement.Sid === "string" && statement.Sid !== "" ? result.findIndex((s) => s.Sid === statement.Sid) : -1;
    if (at >= 0) result[at] = statement;
    else result.push(statement);
  }
  return result;
}

/** Go's encoding/json escapes <, > and & in strings; the provider's JSON carries that. */
function goJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export function renderPolicyDocument(inputs: Json): Json {
  let statements: Json[] = [];
  for (const source of (inputs.sourcePolicyDocuments as string[] | undefined) ?? []) statements = mergeBySid(statements, statementsOfJson(source));
  statements = mergeBySid(statements, ((inputs.statements as StatementBlock[] | undefined) ?? []).map(renderStatement));
  for (const override of (inputs.overridePolicyDocuments as string[] | undefined) ?? []) statements = mergeBySid(statements, statementsOfJson(override));
  const document: Json = { Version: (inputs.version as string | undefined) ?? "2012-10-17" };
  if (typeof inputs.policyId === "string") document.Id = inputs.policyId;
  document.Statement = statements;
  const json = goJson(document, 2);
  return { ...inputs, id: String(crc32(json)), json, minifiedJson: goJson(document) };
}

/** Provider functions the gate answers, by token. */
export const PROVIDER_INVOKES: Record<string, (inputs: Json) => Json> = {
  "aws:iam/getPolicyDocument:getPolicyDocument": renderPolicyDocument,
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ id: MOCK_ACCOUNT_ID, accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`, userId: "MOCK" }),
  "aws:index/getRegion:getRegion": () => ({ name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION, endpoint: `ec2.${MOCK_REGION}.amazonaws.com`, description: "US East (N. Virginia)" }),
  "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
};
