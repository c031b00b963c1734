/**
 * Stream settings of tables. dynalite accepts a CreateTable's StreamSpecification but neither
 * validates nor keeps it, so the front does both: it validates the specification as DynamoDB
 * does, opens a stream when the table is created, and adds StreamSpecification /
 * LatestStreamArn / LatestStreamLabel to the table descriptions dynalite returns.
 */
import { validation } from "./api-error";
import type { StreamStore, TableStream } from "./stream-store";
import { STREAM_VIEW_TYPES, type KeySchemaElement, type StreamViewType } from "./wire-types";

/** The view type a CreateTable asks for, or undefined for no stream. Throws on an invalid spec. */
export function requestedStream(input: Record<string, unknown>): StreamViewType | undefined {
  const spec = input.StreamSpecification as { StreamEnabled?: unknown; StreamViewType?: unknown } | undefined;
  if (spec === undefined) return undefined;
  if (spec === null || typeof spec !== "object") throw validation("StreamSpecification must be an object.");
  if (typeof spec.StreamEnabled !== "boolean") {
    throw validation("1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null");
  }
  if (!spec.StreamEnabled) return undefined;
  if (!STREAM_VIEW_TYPES.includes(spec.StreamViewType as StreamViewType)) {
    throw validation(`StreamViewType must be one of ${STREAM_VIEW_TYPES.join(", ")} when StreamEnabled is true; got ${JSON.stringify(spec.StreamViewType)}.`);
  }
  return spec.StreamViewType as StreamViewType;
}

/** UpdateTable cannot change streams locally: say so instead of silently ignoring it. */
export function rejectStreamUpdate(input: Record<string, unknown>): void {
  if (input.StreamSpecification !== undefined) {
    throw validation("The local DynamoDB front cannot enable, disable or change a stream with UpdateTable; create the table with its StreamSpecification instead.");
  }
}

export function openStream(store: StreamStore, input: Record<string, unknown>, viewType: StreamViewType): TableStream {
  return store.enable(String(input.TableName), viewType, input.KeySchema as KeySchemaElement[]);
}

/** Adds the stream fields DynamoDB reports to a table description, in place. */
export function describeStreamOf(description: Record<string, unknown> | undefined, stream: TableStream | undefined): void {
  if (!description || !stream) return;
  description.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.viewType };
  description.LatestStreamArn = stream.streamArn;
  description.LatestStreamLabel = stream.streamLabel;
}
