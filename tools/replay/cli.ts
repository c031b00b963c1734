/**
 * `npm run replay -- --from <ISO-8601> --to <ISO-8601> [--no-wait] [--stack-config ... |
 * --environment-suffix ...] [--endpoint-url URL] [--region R]`: replays the bus archive for the
 * window to the workflow rule (docs/runbook.md, "Replay"). Exit 1 unless the replay COMPLETED
 * (or, with --no-wait, was accepted).
 */
import { parseOptions } from "../shared/cli-options";
import { callerAccount, resolveTarget, TARGET_OPTIONS } from "../shared/aws-target";
import { operatorClients } from "../shared/clients";
import { stackResources } from "../shared/stack-resources";
import { formatReplaySummary, parseWindow, replay } from "./replay";

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv, { values: [...TARGET_OPTIONS, "from", "to"], flags: ["no-wait", "help"] });
  if (options.flags.has("help")) {
    console.log("usage: npm run replay -- --from <ISO-8601> --to <ISO-8601> [--no-wait] [--stack-config Pulumi.<stack>.yaml | --environment-suffix <suffix>] [--endpoint-url URL] [--region R]");
    return 0;
  }
  const { from, to } = parseWindow(options.values.get("from"), options.values.get("to"));
  const target = resolveTarget(options);
  const clients = operatorClients(target.clientConfig);
  try {
    const { account } = await callerAccount(clients.sts);
    const resources = stackResources(target.environmentSuffix, account, target.clientConfig.region);
    const wait = !options.flags.has("no-wait");
    const summary = await replay(clients.events, { resources, environmentSuffix: target.environmentSuffix, from, to, wait });
    formatReplaySummary(summary).forEach((line) => console.log(line));
    return summary.state === "COMPLETED" || (!wait && summary.state !== "FAILED") ? 0 : 1;
  } finally {
    clients.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`replay: ${error.message}`);
    process.exit(1);
  },
);
