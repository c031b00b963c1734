/**
 * `npm run replay -- --from <ISO-8601> --to <ISO-8601> [--no-wait] [--stack-config ... |
 * --environment-suffix ...] [--endpoint-url URL] [--region R]`: replays the bus archive for the
 * window to the workflow rule (docs/runbook.md, "Replay"). Exit 1 unless the replay COMPLETED
 * (or, with --no-wait, was accepted).
 */
import { parseOptions } from "../shared/cli-options";
import { TARGET_OPTIONS } from "../shared/aws-target";
import { runOperatorCli, withOperatorContext } from "../shared/operator-cli";
import { formatReplaySummary, parseWindow, replay } from "./replay";

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv, { values: [...TARGET_OPTIONS, "from", "to"], flags: ["no-wait", "help"] });
  if (options.flags.has("help")) {
    console.log("usage: npm run replay -- --from <ISO-8601> --to <ISO-8601> [--no-wait] [--stack-config Pulumi.<stack>.yaml | --environment-suffix <suffix>] [--endpoint-url URL] [--region R]");
    return 0;
  }
  const { from, to } = parseWindow(options.values.get("from"), options.values.get("to"));
  return withOperatorContext(options, async ({ target, clients, resources }) => {
    const wait = !options.flags.has("no-wait");
    const summary = await replay(clients.events, { resources, environmentSuffix: target.environmentSuffix, from, to, wait });
    formatReplaySummary(summary).forEach((line) => console.log(line));
    return summary.state === "COMPLETED" || (!wait && summary.state !== "FAILED") ? 0 : 1;
  });
}

runOperatorCli("replay", main);
