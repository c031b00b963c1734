/**
 * TransactWriteItems, which dynalite 4.0.0 does not implement, built from the single-item calls
 * it does: with every key of the transaction held (write-capture.ts), each action runs in order
 * with its own condition; if one is refused, the ones already applied are undone from their
 * before-images and the call fails with TransactionCanceledException and one cancellation
 * reason per action, as the DynamoDB API reference describes ("TransactWriteItems": all or
 * nothing; reasons in request order, `None` for actions that did not fail).
 *
 * Where it stops short of DynamoDB: a reader that does not take the keys (GetItem, Query) can
 * see a half-applied transaction for the moment it takes to run; idempotency tokens
 * (ClientRequestToken) are not remembered.
 */
import type { BackendResponse, DynaliteBackend } from "./dynalite-backend";
import type { WireItem } from "./wire-types";

type Action = Record<string, unknown> & { TableName: string };

export interface TransactAction {
  kind: "Put" | "Update" | "Delete" | "ConditionCheck";
  action: Action;
  keys: WireItem;
}

const OPERATION = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem" } as const;

export async function runTransaction(backend: DynaliteBackend, actions: TransactAction[]): Promise<BackendResponse> {
  const before = await Promise.all(actions.map(({ action, keys }) => read(backend, action.TableName, keys)));
  const applied: number[] = [];
  for (const [index, { kind, action, keys }] of actions.entries()) {
    const { ReturnValuesOnConditionCheckFailure: _ignored, ...request } = action;
    const answer =
      kind === "ConditionCheck"
        ? await checkCondition(backend, request as Action, keys, before[index])
        : await backend.request(OPERATION[kind], request);
    if (answer.statusCode === 200) {
      if (kind !== "ConditionCheck") applied.push(index);
      continue;
    }
    for (const done of applied.reverse()) await restore(backend, actions[done]!, before[done]);
    const type = String(answer.body.__type ?? "").split("#").pop() ?? "";
    if (type !== "ConditionalCheckFailedException") return json(answer.statusCode, answer.body);
    const reasons = actions.map((_, position) =>
      position === index ? { Code: "ConditionalCheckFailed", Message: "The conditional request failed" } : { Code: "None" },
    );
    return json(400, {
      __type: "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(", ")}]`,
      CancellationReasons: reasons,
    });
  }
  return json(200, {});
}

/** A condition alone: an update that changes nothing, under the same condition, then undone. */
async function checkCondition(backend: DynaliteBackend, action: Action, keys: WireItem, before: WireItem | undefined) {
  const { TableName, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = action;
  const answer = await backend.request("UpdateItem", {
    TableName,
    Key: keys,
    ConditionExpression,
    ExpressionAttributeNames: { ...(ExpressionAttributeNames as object | undefined), "#localConditionCheckProbe": "localConditionCheckProbe" },
    ...(ExpressionAttributeValues === undefined ? {} : { ExpressionAttributeValues }),
    UpdateExpression: "REMOVE #localConditionCheckProbe",
  });
  // UpdateItem creates an absent item (key only): take it back out.
  if (answer.statusCode === 200 && !before) await backend.request("DeleteItem", { TableName, Key: keys });
  return answer;
}

async function restore(backend: DynaliteBackend, { action, keys }: TransactAction, before: WireItem | undefined): Promise<void> {
  if (before) await backend.call("PutItem", { TableName: action.TableName, Item: before });
  else await backend.call("DeleteItem", { TableName: action.TableName, Key: keys });
}

async function read(backend: DynaliteBackend, tableName: string, keys: WireItem): Promise<WireItem | undefined> {
  const { Item } = await backend.call<{ Item?: WireItem }>("GetItem", { TableName: tableName, Key: keys, ConsistentRead: true });
  return Item;
}

function json(statusCode: number, payload: object): BackendResponse {
  return { statusCode, headers: { "content-type": "application/x-amz-json-1.0" }, body: Buffer.from(JSON.stringify(payload)) };
}

const TRANSACT_KINDS = ["Put", "Update", "Delete", "ConditionCheck"] as const;

/**
 * A TransactWriteItems request run against dynalite. The caller holds the keys (write-capture.ts
 * on stream-enabled tables); malformed requests are answered with a ValidationException.
 */
export async function transactWriteItems(input: Record<string, unknown>, context: { backend: DynaliteBackend; headers?: unknown }): Promise<BackendResponse> {
  const { backend } = context;
  const items = input.TransactItems;
  if (!Array.isArray(items) || items.length < 1 || items.length > 100) return validationError("TransactItems must list 1 to 100 actions.");
  const keySchemas = new Map<string, Array<{ AttributeName: string }>>();
  const actions: TransactAction[] = [];
  for (const [index, item] of (items as Array<Record<string, Record<string, unknown> | undefined> | null>).entries()) {
    const kinds = TRANSACT_KINDS.filter((kind) => item?.[kind] !== undefined);
    if (kinds.length !== 1) return validationError(`TransactItems[${index}] must hold exactly one of ${TRANSACT_KINDS.join(", ")}.`);
    const kind = kinds[0]!;
    const action = item![kind] as Record<string, unknown>;
    if (typeof action.TableName !== "string") return validationError(`TransactItems[${index}].${kind}.TableName is required.`);
    if (!keySchemas.has(action.TableName)) {
      const described = await backend.request("DescribeTable", { TableName: action.TableName });
      if (described.statusCode !== 200) return json(described.statusCode, described.body);
      keySchemas.set(action.TableName, (described.body.Table as { KeySchema: Array<{ AttributeName: string }> }).KeySchema);
    }
    const source = (kind === "Put" ? action.Item : action.Key) as WireItem | undefined;
    const keys: WireItem = {};
    for (const { AttributeName } of keySchemas.get(action.TableName)!) {
      const value = source?.[AttributeName];
      if (value === undefined) return validationError(`TransactItems[${index}].${kind} must give the table's whole key (${AttributeName} is missing).`);
      keys[AttributeName] = value;
    }
    actions.push({ kind, action: action as Action, keys });
  }
  return runTransaction(backend, actions);
}

function validationError(message: string): BackendResponse {
  return json(400, { __type: "com.amazon.coral.validate#ValidationException", message });
}
