/**
 * `npm run preflight [-- --stack-config Pulumi.<stack>.yaml] [--expected-account ID] [--region R]`:
 * read-only checks that the account and region can take the stack (docs/runbook.md,
 * "Preflight"). Exit 1 when any check fails.
 */
import { resolve } from "node:path";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { PipesClient } from "@aws-sdk/client-pipes";
import { STSClient } from "@aws-sdk/client-sts";
import { readStackConfig } from "../../policy-pack/gate/stack-config";
import { parseOptions } from "../shared/cli-options";
import { loadStackModel, PROJECT } from "../shared/stack-model";
import { exitCode, formatFindings, parseAllowedAccountIds, preflight } from "./preflight";

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv, { values: ["stack-config", "expected-account", "region"], flags: ["help"] });
  if (options.flags.has("help")) {
    console.log("usage: npm run preflight -- [--stack-config Pulumi.<stack>.yaml] [--expected-account <12-digit id>] [--region <region>]");
    return 0;
  }
  const stackFile = resolve(options.values.get("stack-config") ?? "Pulumi.dev.yaml");
  const { config } = loadStackModel(stackFile);
  const raw = readStackConfig(stackFile, PROJECT).config;
  const region = options.values.get("region") ?? raw["aws:region"] ?? process.env.AWS_REGION;
  if (!region) throw new Error("no region: set aws:region in the stack file or pass --region.");
  const expected = options.values.get("expected-account");
  const allowedAccountIds = expected !== undefined ? [expected] : parseAllowedAccountIds(raw["aws:allowedAccountIds"]);
  const clientConfig = { region, maxAttempts: 2 };
  const clients = { sts: new STSClient(clientConfig), lambda: new LambdaClient(clientConfig), apiGateway: new APIGatewayClient(clientConfig), pipes: new PipesClient(clientConfig) };
  try {
    console.log(`Preflight of ${stackFile} (environmentSuffix ${config.environmentSuffix}) in ${region}:`);
    const findings = await preflight(clients, { config, region, allowedAccountIds, now: new Date() });
    formatFindings(findings).forEach((line) => console.log(line));
    return exitCode(findings);
  } finally {
    Object.values(clients).forEach((client) => client.destroy());
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`preflight: ${error.message}`);
      process.exit(1);
    },
  );
}
