/**
 * An SQS queue as the operator tools see one: messages are received with a visibility timeout
 * and a receipt handle, stay in the queue until DeleteMessage, and come back when the timeout
 * passes (Amazon SQS Developer Guide, "Amazon SQS visibility timeout"). The local runtime's
 * dead-letter lists feed it, so a tool redrives local DLQs through the same SQS calls as in AWS.
 */
import { createHash, randomUUID } from "node:crypto";

export interface SqsMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: Record<string, string>;
}

interface StoredMessage {
  id: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  invisibleUntil: number;
  receiptHandle?: string;
}

export class LocalSqsError extends Error {
  constructor(
    readonly code: "ReceiptHandleIsInvalid" | "InvalidParameterValue",
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export class LocalSqsQueue {
  private readonly stored: StoredMessage[] = [];

  constructor(
    readonly name: string,
    private readonly now: () => number = Date.now,
  ) {}

  send(body: string): string {
    const id = randomUUID();
    this.stored.push({ id, body, sentAt: this.now(), receiveCount: 0, invisibleUntil: 0 });
    return id;
  }

  /** Up to `max` visible messages, hidden for `visibilitySeconds` with a new receipt handle each. */
  receive(max: number, visibilitySeconds: number): SqsMessage[] {
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw new LocalSqsError("InvalidParameterValue", `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
    }
    const now = this.now();
    const visible = this.stored.filter((message) => message.invisibleUntil <= now).slice(0, max);
    return visible.map((message) => {
      message.receiveCount += 1;
      message.invisibleUntil = now + visibilitySeconds * 1000;
      message.receiptHandle = `${message.id}#${randomUUID()}`;
      return {
        MessageId: message.id,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: createHash("md5").update(message.body, "utf8").digest("hex"),
        Body: message.body,
        Attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(message.sentAt) },
      };
    });
  }

  delete(receiptHandle: string): void {
    const index = this.stored.findIndex((message) => message.receiptHandle === receiptHandle);
    // SQS accepts a stale handle of a message received again; here only the latest handle counts,
    // which is stricter and makes a tool that deletes with an old handle fail visibly.
    if (index < 0) throw new LocalSqsError("ReceiptHandleIsInvalid", `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    this.stored.splice(index, 1);
  }

  changeVisibility(receiptHandle: string, visibilitySeconds: number): void {
    const message = this.stored.find((candidate) => candidate.receiptHandle === receiptHandle);
    if (!message) throw new LocalSqsError("ReceiptHandleIsInvalid", `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    message.invisibleUntil = this.now() + visibilitySeconds * 1000;
  }

  counts(): { visible: number; inFlight: number } {
    const now = this.now();
    const visible = this.stored.filter((message) => message.invisibleUntil <= now).length;
    return { visible, inFlight: this.stored.length - visible };
  }
}
