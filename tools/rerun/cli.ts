/**
 * `npm run rerun -- --payment-id <paymentId> --timestamp <sort key> [--no-wait] [--stack-config
 * ... | --environment-suffix ...] [--endpoint-url URL] [--region R]`: re-runs one FAILED event
 * (docs/runbook.md, "Re-run"). Exit 0 when the event ends PROCESSED (or, with --no-wait, when the
 * execution was started), 1 otherwise.
 */
import { parseOptions } from "../shared/cli-options";
import { callerAccount, resolveTarget, TARGET_OPTIONS } from "../shared/aws-target";
import { operatorClients } from "../shared/clients";
import { stackResources } from "../shared/stack-resources";
import { formatRerunSummary, rerun } from "./rerun";

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv, { values: [...TARGET_OPTIONS, "payment-id", "timestamp"], flags: ["no-wait", "help"] });
  if (options.flags.has("help")) {
    console.log("usage: npm run rerun -- --payment-id <paymentId> --timestamp <sort key> [--no-wait] [--stack-config Pulumi.<stack>.yaml | --environment-suffix <suffix>] [--endpoint-url URL] [--region R]");
    return 0;
  }
  const paymentId = options.values.get("payment-id");
  const timestamp = options.values.get("timestamp");
  if (!paymentId || !timestamp) throw new Error("--payment-id and --timestamp (the event's full sort key, <occurredAt>#<eventId>) are required.");
  const target = resolveTarget(options);
  const clients = operatorClients(target.clientConfig);
  try {
    const { account } = await callerAccount(clients.sts);
    const resources = stackResources(target.environmentSuffix, account, target.clientConfig.region);
    const wait = !options.flags.has("no-wait");
    const summary = await rerun(clients, { resources, key: { paymentId, timestamp }, wait });
    formatRerunSummary(summary).forEach((line) => console.log(line));
    if (summary.outcome === "refused") return 1;
    return (wait ? summary.itemStatus === "PROCESSED" : true) ? 0 : 1;
  } finally {
    clients.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`rerun: ${error.message}`);
    process.exit(1);
  },
);
