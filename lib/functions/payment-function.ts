/**
 * One of the pipeline's Lambda functions with everything it must carry: arm64, reserved
 * concurrency, X-Ray Active, environment encrypted with the stack's CMK, an explicit log group
 * (retention + CMK) it logs JSON to, and its role's least-privilege inline policy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LOG_LEVELS, MAX_RESERVED_CONCURRENCY, SUPPORTED_LAMBDA_RUNTIMES, type FunctionSettings, type LambdaRuntime, type LogLevel } from "../config";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { ENV, METRICS_NAMESPACE } from "../../contract/lambda-environment";
import { lambdaBaseStatements } from "../security/lambda-role-policies";
import { policyJson, type PolicyStatement } from "../security/policy-document";
import { assertIntegerInRange, assertLogRetentionDays, assertOneOf, assertResourceType } from "../support/component-args";
import { BUNDLE_HANDLER, LAMBDA_NODE_OPTIONS, lambdaCodeArchive, resolveEntryPoint } from "./lambda-bundle";
import type { LambdaExecutionRole } from "./lambda-execution-role";

export const LAMBDA_ARCHITECTURE = "arm64";
/** Lambda's limits: memory in MB (128-10,240) and timeout in seconds (at most 900). */
export const LAMBDA_MEMORY_RANGE_MB = { min: 128, max: 10240 } as const;
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

export interface PaymentFunctionArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** Resource type in the physical name, e.g. `webhook-validator` -> `webhook-validator-<suffix>`. */
  functionType: string;
  description: string;
  /** Handler source relative to the repository root (LAMBDA_ENTRY_POINTS). */
  entryPoint: string;
  role: LambdaExecutionRole;
  kmsKeyArn: pulumi.Input<string>;
  runtime: LambdaRuntime;
  settings: FunctionSettings;
  /** Days CloudWatch keeps the function's logs; one of CLOUDWATCH_LOG_RETENTION_DAYS. */
  logRetentionDays: number;
  logLevel: LogLevel;
  /**
   * Function-specific variables (merged over the Powertools ones). Secret outputs stay secret:
   * the whole `environment` input is then marked secret in the state.
   */
  environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** What the function does beyond logging, tracing and decrypting its environment. */
  accessStatements: pulumi.Input<PolicyStatement[]>;
}

/** Checks every argument, throwing a message that names it. */
export function checkPaymentFunctionArgs(args: PaymentFunctionArgs): PaymentFunctionArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  assertResourceType("PaymentFunction.functionType", args.functionType);
  resolveEntryPoint(args.entryPoint);
  assertOneOf("PaymentFunction.runtime", args.runtime, SUPPORTED_LAMBDA_RUNTIMES);
  assertIntegerInRange("PaymentFunction.settings.reservedConcurrency", args.settings.reservedConcurrency, 1, MAX_RESERVED_CONCURRENCY);
  assertIntegerInRange("PaymentFunction.settings.memorySize", args.settings.memorySize, LAMBDA_MEMORY_RANGE_MB.min, LAMBDA_MEMORY_RANGE_MB.max);
  assertIntegerInRange("PaymentFunction.settings.timeoutSeconds", args.settings.timeoutSeconds, 1, LAMBDA_MAX_TIMEOUT_SECONDS);
  assertLogRetentionDays("PaymentFunction.logRetentionDays", args.logRetentionDays);
  assertOneOf("PaymentFunction.logLevel", args.logLevel, LOG_LEVELS);
  return args;
}

export class PaymentFunction extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly functionArn: pulumi.Output<string>;
  public readonly invokeArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, rawArgs: PaymentFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkPaymentFunctionArgs(rawArgs);
    super("payments:compute:PaymentFunction", name, {}, opts);
    const functionName = physicalName(args.functionType, args.environmentSuffix);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays, kmsKeyId: args.kmsKeyArn },
      { parent: this },
    );

    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        name: physicalName(`${args.functionType}-access`, args.environmentSuffix),
        role: args.role.roleName,
        policy: policyJson(
          pulumi
            .all([logGroup.arn, pulumi.output(args.kmsKeyArn), pulumi.output(args.accessStatements)])
            .apply(([logGroupArn, kmsKeyArn, access]) => [...lambdaBaseStatements({ logGroupArn, kmsKeyArn, functionName }), ...(access as PolicyStatement[])]),
        ),
      },
      { parent: this },
    );

    const variables = pulumi.output(args.environment).apply((specific) => ({
      // The physical name, not the function type: two stacks in one account then never mix
      // their metrics (the `service` dimension) or their log records.
      [ENV.powertoolsServiceName]: functionName,
      [ENV.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
      [ENV.powertoolsLogLevel]: args.logLevel,
      // Stack traces name the TypeScript source and line through the source map in the archive.
      NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
      ...specific,
    }));

    const fn = new aws.lambda.Function(
      `${name}-function`,
      {
        name: functionName,
        description: args.description,
        role: args.role.roleArn,
        runtime: args.runtime,
        architectures: [LAMBDA_ARCHITECTURE],
        handler: BUNDLE_HANDLER,
        code: lambdaCodeArchive(args.entryPoint),
        memorySize: args.settings.memorySize,
        timeout: args.settings.timeoutSeconds,
        reservedConcurrentExecutions: args.settings.reservedConcurrency,
        tracingConfig: { mode: "Active" },
        kmsKeyArn: args.kmsKeyArn,
        environment: { variables },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      },
      // The policy must exist before the first invocation can decrypt its environment or log.
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );

    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.invokeArn = fn.invokeArn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ functionName: this.functionName, functionArn: this.functionArn, logGroupName: this.logGroupName });
  }
}
