/**
 * The payment-events table (schema in contract/event-table.ts): on-demand, point-in-time
 * recovery, encrypted with the stack's CMK, a NEW_IMAGE stream feeding the Pipe, TTL on
 * `expiresAt`, and no deletion protection so the stack stays destroyable.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import {
  EVENT_TABLE_ATTRIBUTES,
  EVENT_TABLE_PARTITION_KEY,
  EVENT_TABLE_SORT_KEY,
  EVENT_TABLE_STREAM_VIEW_TYPE,
  EVENT_TABLE_TTL_ATTRIBUTE,
} from "../../contract/event-table";

export interface EventTableArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** CMK the table is encrypted with. */
  kmsKeyArn: pulumi.Input<string>;
}

/** Checks every argument, throwing a message that names it. */
export function checkEventTableArgs(args: EventTableArgs): EventTableArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  return args;
}

export class EventTable extends pulumi.ComponentResource {
  /** `payment-events-<suffix>`. */
  public readonly tableName: pulumi.Output<string>;
  public readonly tableArn: pulumi.Output<string>;
  public readonly streamArn: pulumi.Output<string>;

  constructor(name: string, rawArgs: EventTableArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkEventTableArgs(rawArgs);
    super("payments:storage:EventTable", name, {}, opts);

    const table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        name: physicalName("payment-events", args.environmentSuffix),
        billingMode: "PAY_PER_REQUEST",
        hashKey: EVENT_TABLE_PARTITION_KEY,
        rangeKey: EVENT_TABLE_SORT_KEY,
        attributes: EVENT_TABLE_ATTRIBUTES.map(({ name: attributeName, type }) => ({ name: attributeName, type })),
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: args.kmsKeyArn },
        streamEnabled: true,
        streamViewType: EVENT_TABLE_STREAM_VIEW_TYPE,
        ttl: { attributeName: EVENT_TABLE_TTL_ATTRIBUTE, enabled: true },
        deletionProtectionEnabled: false,
      },
      { parent: this },
    );

    this.tableName = table.name;
    this.tableArn = table.arn;
    this.streamArn = table.streamArn;
    this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn, streamArn: this.streamArn });
  }
}
