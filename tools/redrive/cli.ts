/**
 * `npm run redrive -- pipe|rule [--dry-run] [--max N] [--stack-config Pulumi.<stack>.yaml |
 * --environment-suffix <suffix>] [--endpoint-url URL] [--region R]`: moves the Pipe's or the
 * rule's dead letters back into the pipeline (docs/runbook.md, "Redrive"). Exit 1 when any
 * message could not be redriven (it stays in the queue).
 */
import { numberOption, parseOptions } from "../shared/cli-options";
import { TARGET_OPTIONS } from "../shared/aws-target";
import { runOperatorCli, withOperatorContext } from "../shared/operator-cli";
import { formatRedriveSummary, redrive, type DeadLetterSource } from "./redrive";

const USAGE = "usage: npm run redrive -- pipe|rule [--dry-run] [--max N] [--stack-config Pulumi.<stack>.yaml | --environment-suffix <suffix>] [--endpoint-url URL] [--region R]";

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv, { values: [...TARGET_OPTIONS, "max"], flags: ["dry-run", "help"] });
  if (options.flags.has("help")) {
    console.log(USAGE);
    return 0;
  }
  const [source, ...extra] = options.positional;
  if ((source !== "pipe" && source !== "rule") || extra.length > 0) throw new Error(`say which DLQ: pipe or rule.\n${USAGE}`);
  return withOperatorContext(options, async ({ clients, resources }) => {
    const summary = await redrive(clients, {
      source: source as DeadLetterSource,
      resources,
      dryRun: options.flags.has("dry-run"),
      max: numberOption(options, "max", 100, { integer: true, min: 1 }),
  });
  formatRedriveSummary(summary).forEach((line) => console.log(line));
  return summary.counts.failed > 0 ? 1 : 0;
  });
}

runOperatorCli("redrive", main);
