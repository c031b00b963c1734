/**
 * The stack as the program declares it, read from a run of index.ts under Pulumi mocks: every
 * ARN the access map needs, and every policy AWS would evaluate — role identity and trust
 * policies, the key policy, queue and topic policies, and the validator's resource policy as
 * Lambda builds it from the Permission resources.
 */
import { MOCK_ACCOUNT_ID, MOCK_REGION, runProgramUnderMocks, type CapturedResource, type MockedProgramResult } from "../../../policy-pack/gate/mocked-program";

export const SUFFIX = "ci";

/** Managing the API Gateway account setting too, so its CloudWatch role is evaluated as well. */
export const PERMISSIONS_STACK_CONFIG: Record<string, string> = {
  "aws:region": MOCK_REGION,
  "payment-webhooks:environmentSuffix": SUFFIX,
  "payment-webhooks:manageApiGatewayAccount": "true",
  "payment-webhooks:signingSecrets": JSON.stringify({ "standard-webhooks": ["whsec_cGF5bWVudC13ZWJob29rcy10ZXN0LXNpZ25pbmc="] }),
};

export interface PolicyDocumentJson {
  Version?: string;
  Statement: Array<Record<string, unknown>>;
}

export interface DeployedRole {
  name: string;
  arn: string;
  trustPolicy: PolicyDocumentJson;
  /** Inline policies by RolePolicy physical name. */
  identityPolicies: Array<{ name: string; policy: PolicyDocumentJson }>;
}

export interface DeployedStack {
  accountId: string;
  region: string;
  roles: Map<string, DeployedRole>;
  /** Resource policies by the ARN of the resource they guard. */
  resourcePolicies: Map<string, { label: string; policy: PolicyDocumentJson }>;
  arns: {
    key: string;
    table: string;
    tableName: string;
    stream: string;
    bus: string;
    stateMachine: string;
    ruleArn: string;
    pipeArn: string;
    topic: string;
    executionApi: string;
    queues: Record<"pipeDlq" | "ruleDlq", string>;
    functions: Record<"validator" | "processor", { arn: string; name: string; logGroup: string }>;
    logGroups: Record<"workflow" | "pipe" | "apiAccess" | "apiExecution", string>;
    alarms: string[];
  };
}

/**
 * The mocks synthesise some ARNs in a shape AWS never uses (`arn:aws:sns:<r>:<a>:sns/topic/<name>`);
 * the evaluator matches ARNs against AWS's resource-type formats, so those are rewritten to the
 * real formats everywhere — in the facts and inside every policy document alike.
 */
function realArnsOfMockArns(resources: CapturedResource[]): Array<[string, string]> {
  const rewrites: Array<[string, string]> = [];
  for (const topic of resources.filter((r) => r.type === "aws:sns/topic:Topic")) {
    rewrites.push([String(topic.state.arn), `arn:aws:sns:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${String(topic.state.name)}`]);
  }
  for (const rule of resources.filter((r) => r.type === "aws:cloudwatch/eventRule:EventRule")) {
    // A rule on a custom bus: arn:aws:events:<region>:<account>:rule/<bus>/<rule>.
    rewrites.push([String(rule.state.arn), `arn:aws:events:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:rule/${String(rule.inputs.eventBusName)}/${String(rule.state.name)}`]);
  }
  return rewrites;
}

let rewriteArns: (text: string) => string = (text) => text;

function parsePolicy(raw: unknown, where: string): PolicyDocumentJson {
  if (typeof raw !== "string") throw new Error(`${where}: policy is not a resolved JSON string`);
  return JSON.parse(rewriteArns(raw)) as PolicyDocumentJson;
}

function one(resources: CapturedResource[], type: string, physicalName?: string): CapturedResource {
  const found = resources.filter((r) => r.type === type && (physicalName === undefined || r.state.name === physicalName || r.inputs.name === physicalName));
  if (found.length !== 1) throw new Error(`expected one ${type}${physicalName ? ` named ${physicalName}` : ""}, found ${found.length}`);
  return found[0];
}

const physical = (type: string) => `${type}-${SUFFIX}`;

export function readDeployedStack(result: MockedProgramResult): DeployedStack {
  const resources = result.resources;
  const rewrites = realArnsOfMockArns(resources);
  rewriteArns = (text) => rewrites.reduce((rewritten, [mock, real]) => rewritten.split(mock).join(real), text);
  const arnOf = (type: string, name: string) => String(one(resources, type, name).state.arn);

  const roles = new Map<string, DeployedRole>();
  for (const role of resources.filter((r) => r.type === "aws:iam/role:Role")) {
    roles.set(String(role.state.name), {
      name: String(role.state.name),
      arn: String(role.state.arn),
      trustPolicy: parsePolicy(role.inputs.assumeRolePolicy, `role ${String(role.state.name)}`),
      identityPolicies: [],
    });
  }
  for (const rolePolicy of resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")) {
    const reference = String(rolePolicy.inputs.role);
    const role = [...roles.values()].find((candidate) => candidate.name === reference) ?? [...roles.values()].find((candidate) => `${resources.find((r) => r.type === "aws:iam/role:Role" && r.state.name === candidate.name)?.id}` === reference);
    if (!role) throw new Error(`RolePolicy ${rolePolicy.name} names an unknown role ${reference}`);
    role.identityPolicies.push({ name: String(rolePolicy.inputs.name), policy: parsePolicy(rolePolicy.inputs.policy, `role policy ${rolePolicy.name}`) });
  }

  const key = one(resources, "aws:kms/key:Key");
  const table = one(resources, "aws:dynamodb/table:Table");
  const topic = one(resources, "aws:sns/topic:Topic");
  const queueArnByUrl = new Map(resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((q) => [String(q.state.url), String(q.state.arn)]));

  const resourcePolicies = new Map<string, { label: string; policy: PolicyDocumentJson }>();
  resourcePolicies.set(String(key.state.arn), { label: "key policy", policy: parsePolicy(key.inputs.policy, "key policy") });
  for (const queuePolicy of resources.filter((r) => r.type === "aws:sqs/queuePolicy:QueuePolicy")) {
    const queueArn = queueArnByUrl.get(String(queuePolicy.inputs.queueUrl));
    if (!queueArn) throw new Error(`QueuePolicy ${queuePolicy.name} guards an unknown queue`);
    resourcePolicies.set(queueArn, { label: `queue policy of ${queueArn.split(":").pop()}`, policy: parsePolicy(queuePolicy.inputs.policy, queuePolicy.name) });
  }
  for (const topicPolicy of resources.filter((r) => r.type === "aws:sns/topicPolicy:TopicPolicy")) {
    resourcePolicies.set(rewriteArns(String(topicPolicy.inputs.arn)), { label: "alarm topic policy", policy: parsePolicy(topicPolicy.inputs.policy, topicPolicy.name) });
  }
  // Lambda turns each AddPermission into one resource-policy statement with the source ARN as
  // an ArnLike condition (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
  const functions = resources.filter((r) => r.type === "aws:lambda/function:Function");
  for (const fn of functions) {
    const statements = resources
      .filter((r) => r.type === "aws:lambda/permission:Permission" && r.inputs.function === fn.state.name)
      .map((permission) => ({
        Sid: String(permission.inputs.statementId),
        Effect: "Allow",
        Principal: { Service: String(permission.inputs.principal) },
        Action: String(permission.inputs.action),
        Resource: String(fn.state.arn),
        ...(permission.inputs.sourceArn ? { Condition: { ArnLike: { "AWS:SourceArn": String(permission.inputs.sourceArn) } } } : {}),
      }));
    if (statements.length > 0) resourcePolicies.set(String(fn.state.arn), { label: `resource policy of ${String(fn.state.name)}`, policy: { Version: "2012-10-17", Statement: statements } });
  }

  const fnFacts = (type: string) => {
    const fn = one(resources, "aws:lambda/function:Function", physical(type));
    return { arn: String(fn.state.arn), name: String(fn.state.name), logGroup: arnOf("aws:cloudwatch/logGroup:LogGroup", `/aws/lambda/${physical(type)}`) };
  };
  const restApi = one(resources, "aws:apigateway/restApi:RestApi");
  const executionLogGroup = resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && String(r.state.name).startsWith("API-Gateway-Execution-Logs_"));
  if (!executionLogGroup) throw new Error("no API Gateway execution log group");

  return {
    accountId: MOCK_ACCOUNT_ID,
    region: MOCK_REGION,
    roles,
    resourcePolicies,
    arns: {
      key: String(key.state.arn),
      table: String(table.state.arn),
      tableName: String(table.state.name),
      stream: String(table.state.streamArn),
      bus: String(one(resources, "aws:cloudwatch/eventBus:EventBus").state.arn),
      stateMachine: String(one(resources, "aws:sfn/stateMachine:StateMachine").state.arn),
      ruleArn: rewriteArns(String(one(resources, "aws:cloudwatch/eventRule:EventRule").state.arn)),
      pipeArn: `arn:aws:pipes:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:pipe/${String(one(resources, "aws:pipes/pipe:Pipe").state.name)}`,
      topic: rewriteArns(String(topic.state.arn)),
      executionApi: String(restApi.state.executionArn),
      queues: { pipeDlq: arnOf("aws:sqs/queue:Queue", physical("payment-events-pipe-dlq")), ruleDlq: arnOf("aws:sqs/queue:Queue", physical("payment-webhook-received-dlq")) },
      functions: { validator: fnFacts("webhook-validator"), processor: fnFacts("payment-processor") },
      logGroups: {
        workflow: arnOf("aws:cloudwatch/logGroup:LogGroup", `/aws/vendedlogs/states/${physical("payment-processing")}`),
        pipe: arnOf("aws:cloudwatch/logGroup:LogGroup", `/aws/vendedlogs/pipes/${physical("payment-events-pipe")}`),
        apiAccess: arnOf("aws:cloudwatch/logGroup:LogGroup", `/aws/apigateway/${physical("webhook-api")}/access`),
        apiExecution: String(executionLogGroup.state.arn),
      },
      alarms: resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => `arn:aws:cloudwatch:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:alarm:${String(alarm.state.name)}`),
    },
  };
}

/** Runs index.ts under mocks with PERMISSIONS_STACK_CONFIG; `load` requires it (jest passes an isolated require). */
export async function deployedStack(load: () => unknown): Promise<DeployedStack> {
  const result = await runProgramUnderMocks({ config: PERMISSIONS_STACK_CONFIG, secretKeys: ["payment-webhooks:signingSecrets"], program: load });
  return readDeployedStack(result);
}
