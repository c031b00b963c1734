/**
 * Turns successful item writes on a stream-enabled table into the stream records DynamoDB would
 * write. Per item key, one write at a time: read the item (consistent), forward the write, and
 * only if it succeeded read the item again. The two reads are that write's exact old and new
 * images, because no other write of the item can run in between.
 *
 * - absent → present: INSERT; present → absent: REMOVE;
 * - present → present and different: MODIFY; unchanged: no record (DynamoDB writes none for a
 *   write that changes nothing);
 * - a failed write (e.g. ConditionalCheckFailedException on a duplicate) writes no record.
 *
 * TransactWriteItems is captured the same way, holding every written key of the transaction at
 * once (taken in sorted order, so two transactions never wait on each other): one record per
 * changed item if the transaction committed, none if it was cancelled, as in DynamoDB.
 */
import type { BackendResponse, DynaliteBackend } from "./dynalite-backend";
import { KeyedQueue } from "./keyed-queue";
import type { StreamEventName, StreamStore, TableStream } from "./stream-store";
import { canonical, keyOf, type WireItem } from "./wire-types";

export type CapturedWrite = "PutItem" | "UpdateItem" | "DeleteItem";

export class WriteCapture {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly backend: DynaliteBackend,
    private readonly store: StreamStore,
  ) {}

  async write(operation: CapturedWrite, input: Record<string, unknown>, stream: TableStream, forward: () => Promise<BackendResponse>): Promise<BackendResponse> {
    const source = (operation === "PutItem" ? input.Item : input.Key) as WireItem | undefined;
    const keys = source && typeof source === "object" ? keyOf(source, stream.keySchema) : undefined;
    // No complete key: DynamoDB (dynalite) rejects the request, so there is nothing to record.
    if (!keys) return forward();
    return this.queue.run(`${stream.tableName}\u0000${canonical(keys)}`, async () => {
      const before = await this.read(stream.tableName, keys);
      const response = await forward();
      if (response.statusCode !== 200) return response;
      const after = await this.read(stream.tableName, keys);
      const eventName = changeOf(before, after);
      if (eventName) this.store.append(stream, eventName, { keys, oldImage: before, newImage: after });
      return response;
    });
  }

  /** `writes`: the Put/Update/Delete actions of the transaction on stream-enabled tables. */
  async transact(writes: Array<{ stream: TableStream; keys: WireItem }>, forward: () => Promise<BackendResponse>): Promise<BackendResponse> {
    const queueKeys = [...new Set(writes.map(({ stream, keys }) => `${stream.tableName}\u0000${canonical(keys)}`))].sort();
    const body = async (): Promise<BackendResponse> => {
      const before = await Promise.all(writes.map(({ stream, keys }) => this.read(stream.tableName, keys)));
      const response = await forward();
      if (response.statusCode !== 200) return response;
      const after = await Promise.all(writes.map(({ stream, keys }) => this.read(stream.tableName, keys)));
      writes.forEach(({ stream, keys }, index) => {
        const eventName = changeOf(before[index], after[index]);
        if (eventName) this.store.append(stream, eventName, { keys, oldImage: before[index], newImage: after[index] });
      });
      return response;
    };
    const holding = queueKeys.reduceRight<() => Promise<BackendResponse>>((inner, key) => () => this.queue.run(key, inner), body);
    return holding();
  }

  private async read(tableName: string, keys: WireItem): Promise<WireItem | undefined> {
    const { Item } = await this.backend.call<{ Item?: WireItem }>("GetItem", { TableName: tableName, Key: keys, ConsistentRead: true });
    return Item;
  }
}

function changeOf(before: WireItem | undefined, after: WireItem | undefined): StreamEventName | undefined {
  if (!before && after) return "INSERT";
  if (before && !after) return "REMOVE";
  if (before && after && canonical(before) !== canonical(after)) return "MODIFY";
  return undefined;
}
