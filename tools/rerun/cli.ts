/**
 * `npm run rerun -- --payment-id <paymentId> --timestamp <sort key> [--no-wait] [--stack-config
 * ... | --environment-suffix ...] [--endpoint-url URL] [--region R]`: re-runs one FAILED event
 * (docs/runbook.md, "Re-run"). Exit 0 when the event ends PROCESSED (or, with --no-wait, when the
 * execution was started), 1 otherwise.
 */
import { parseOptions } from "../shared/cli-options";
import { TARGET_OPTIONS } from "../shared/aws-target";
import { runOperatorCli, withOperatorContext } from "../shared/operator-cli";
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
  return withOperatorContext(options, async ({ clients, resources }) => {
    const wait = !options.flags.has("no-wait");
    const summary = await rerun(clients, { resources, key: { paymentId, timestamp }, wait });
    formatRerunSummary(summary).forEach((line) => console.log(line));
    if (summary.outcome === "refused") return 1;
    return (wait ? summary.itemStatus === "PROCESSED" : true) ? 0 : 1;
  });
}

runOperatorCli("rerun", main);
