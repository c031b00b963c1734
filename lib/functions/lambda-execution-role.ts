/**
 * A Lambda execution role created WITHOUT permissions. It exists before the KMS key because the
 * key policy names it; PaymentFunction attaches its least-privilege policy once the key, table
 * and bus exist. Splitting the two breaks the role -> key -> role-policy cycle.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { assertResourceType } from "../support/component-args";
import { assumeRolePolicy } from "../security/policy-document";

export interface LambdaExecutionRoleArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** Function's resource type, e.g. `webhook-validator`; the role is `<type>-role-<suffix>`. */
  functionType: string;
}

/** Checks every argument, throwing a message that names it. */
export function checkLambdaExecutionRoleArgs(args: LambdaExecutionRoleArgs): LambdaExecutionRoleArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  assertResourceType("LambdaExecutionRole.functionType", args.functionType);
  return args;
}

export class LambdaExecutionRole extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;

  constructor(name: string, rawArgs: LambdaExecutionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkLambdaExecutionRoleArgs(rawArgs);
    super("payments:compute:LambdaExecutionRole", name, {}, opts);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: physicalName(`${args.functionType}-role`, args.environmentSuffix),
        description: `Execution role of ${physicalName(args.functionType, args.environmentSuffix)}`,
        assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
        // Inline policies are managed as separate RolePolicy resources; no AWS managed policies (cdk-nag IAM4).
      },
      { parent: this },
    );
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
