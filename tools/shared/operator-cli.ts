/**
 * What every operator CLI does around its own work: resolve the stack and endpoint, build the
 * SDK clients once, find the account the credentials belong to (every ARN is built from it),
 * always release the clients, and turn an error into one line and exit code 1.
 */
import type { ParsedOptions } from "./cli-options";
import { callerAccount, resolveTarget, type ToolTarget } from "./aws-target";
import { operatorClients, type OperatorClients } from "./clients";
import { stackResources, type StackResources } from "./stack-resources";

export interface OperatorContext {
  target: ToolTarget;
  clients: OperatorClients;
  resources: StackResources;
}

export async function withOperatorContext<T>(options: ParsedOptions, work: (context: OperatorContext) => Promise<T>): Promise<T> {
  const target = resolveTarget(options);
  const clients = operatorClients(target.clientConfig);
  try {
    const { account } = await callerAccount(clients.sts);
    const resources = stackResources(target.environmentSuffix, account, target.clientConfig.region);
    return await work({ target, clients, resources });
  } finally {
    clients.destroy();
  }
}

/** Runs a CLI's `main` and exits with its code; an error prints `<tool>: <message>` and exits 1. */
export function runOperatorCli(tool: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`${tool}: ${error.message}`);
      process.exit(1);
    },
  );
}
