/**
 * One of the pipeline's Lambda functions with everything it must carry: arm64, reserved
 * concurrency, X-Ray Active, environment encrypted with the stack's CMK, an explicit log group
 * (retention + CMK) it logs JSON to, and its role's least-privilege inline policy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FunctionSettings, LambdaRuntime, LogLevel } from "../config";
import { physicalName } from "../../contract/naming";
import { ENV, METRICS_NAMESPACE } from "../../contract/lambda-environment";
import { lambdaBaseStatements } from "../security/lambda-role-policies";
import { policyJson, type PolicyStatement } from "../security/policy-document";
import { BUNDLE_HANDLER, lambdaCodeArchive } from "./lambda-bundle";
import type { LambdaExecutionRole } from "./lambda-execution-role";

export const LAMBDA_ARCHITECTURE = "arm64";

export interface PaymentFunctionArgs {
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

export class PaymentFunction extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly functionArn: pulumi.Output<string>;
  public readonly invokeArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: PaymentFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
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
            .apply(([logGroupArn, kmsKeyArn, access]) => [...lambdaBaseStatements({ logGroupArn, kmsKeyArn }), ...(access as PolicyStatement[])]),
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
      // Stack traces point at the TypeScript sources through the bundled source map.
      NODE_OPTIONS: "--enable-source-maps",
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
