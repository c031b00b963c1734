/**
 * An AWS SDK v3 middleware that records every command a client sends, as the IAM actions it is
 * authorised as: `dynamodb:PutItem` for PutItemCommand; for a DynamoDB transaction, the action of
 * each item (DynamoDB authorises a transaction's Put as PutItem, Update as UpdateItem, ...:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html).
 * `stubbed` answers without sending, for operations the tests have no local engine for.
 */
const TRANSACTION_ITEM_ACTIONS: Record<string, string> = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem", ConditionCheck: "ConditionCheckItem", Get: "GetItem" };

function iamOperations(commandName: string, input: unknown): string[] {
  const operation = commandName.replace(/Command$/, "");
  if (operation !== "TransactWriteItems" && operation !== "TransactGetItems") return [operation];
  const items = ((input as { TransactItems?: Array<Record<string, unknown>> })?.TransactItems ?? []).flatMap((item) => Object.keys(item));
  return items.map((kind) => TRANSACTION_ITEM_ACTIONS[kind] ?? `${operation}:${kind}`);
}
export interface RecordableClient {
  middlewareStack: { add(middleware: unknown, options: { step: "initialize"; name: string }): void };
}

export function recordCommands(client: RecordableClient, iamPrefix: string, into: Set<string>, stubbed?: (commandName: string) => unknown): void {
  const middleware = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    const commandName = context.commandName ?? "UnknownCommand";
    for (const operation of iamOperations(commandName, (args as { input?: unknown }).input)) into.add(`${iamPrefix}:${operation}`);
    const stub = stubbed?.(commandName);
    if (stub !== undefined) return { output: stub, response: {} };
    return next(args);
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "recordIamActions" });
}
