/**
 * The payment-events bus: the Pipe puts stored webhook events on it, the workflow rule reads
 * them, the processor publishes outcome events to it for downstream consumers. An archive
 * keeps what crossed the bus so events can be replayed after a bad deploy or an outage.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { assertIntegerInRange } from "../support/component-args";

export interface PaymentEventBusArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /**
   * Days the archive keeps events for replay. EventBridge treats 0 as "forever", which we do
   * not offer: an unbounded archive of payment events is a cost and data-retention surprise.
   * @default 30
   */
  archiveRetentionDays?: number;
}

export const DEFAULT_ARCHIVE_RETENTION_DAYS = 30;
/** Upper bound we accept (10 years); archives bill per GB stored. */
export const MAX_ARCHIVE_RETENTION_DAYS = 3650;

/** PaymentEventBusArgs after checkPaymentEventBusArgs: defaults applied. */
export interface CheckedPaymentEventBusArgs extends PaymentEventBusArgs {
  archiveRetentionDays: number;
}

/** Checks every argument (throwing a message that names it) and applies the defaults. */
export function checkPaymentEventBusArgs(args: PaymentEventBusArgs): CheckedPaymentEventBusArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  return {
    ...args,
    archiveRetentionDays: assertIntegerInRange(
      "PaymentEventBus.archiveRetentionDays",
      args.archiveRetentionDays ?? DEFAULT_ARCHIVE_RETENTION_DAYS,
      1,
      MAX_ARCHIVE_RETENTION_DAYS,
    ),
  };
}

export class PaymentEventBus extends pulumi.ComponentResource {
  /** `payment-events-<suffix>`; the processor's EVENT_BUS_NAME. */
  public readonly busName: pulumi.Output<string>;
  public readonly busArn: pulumi.Output<string>;
  public readonly archiveName: pulumi.Output<string>;

  constructor(name: string, rawArgs: PaymentEventBusArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkPaymentEventBusArgs(rawArgs);
    super("payments:eventing:PaymentEventBus", name, {}, opts);

    const bus = new aws.cloudwatch.EventBus(
      `${name}-bus`,
      { name: physicalName("payment-events", args.environmentSuffix), description: "Stored payment webhook events and processing outcomes." },
      { parent: this },
    );

    const archive = new aws.cloudwatch.EventArchive(
      `${name}-archive`,
      {
        name: physicalName("payment-events-archive", args.environmentSuffix),
        eventSourceArn: bus.arn,
        retentionDays: args.archiveRetentionDays,
        description: "Every event on the payment-events bus, for replay.",
      },
      { parent: this },
    );

    this.busName = bus.name;
    this.busArn = bus.arn;
    this.archiveName = archive.name;
    this.registerOutputs({ busName: this.busName, busArn: this.busArn, archiveName: this.archiveName });
  }
}
