/**
 * One AWS-compatible endpoint in front of the local pipeline for the operator tools
 * (tools/redrive, tools/replay, tools/rerun): point the AWS SDK at it with
 * `AWS_ENDPOINT_URL=<endpoint>` (or `--endpoint-url`) and the tools make the same calls as
 * against an account.
 *
 * It speaks the wire protocols the SDK v3 clients use, dispatched on `X-Amz-Target`:
 * - DynamoDB and DynamoDB Streams (AWS JSON 1.0): passed through to the local DynamoDB;
 * - SQS (AWS JSON 1.0): GetQueueUrl, ReceiveMessage, DeleteMessage, ChangeMessageVisibility,
 *   GetQueueAttributes over the two dead-letter queues, fed by the runtime's DLQ lists. A Pipe DLQ
 *   message has the shape Pipes sends for a stream source (batch metadata, not the record:
 *   EventBridge User Guide, "Amazon EventBridge Pipes error handling and troubleshooting"); a rule
 *   DLQ message body is the event itself (EventBridge User Guide, "Using dead-letter queues to
 *   process undelivered events");
 * - Step Functions (AWS JSON 1.0): StartExecution with the Standard workflow's name rules (same
 *   name and input while running: the same answer; otherwise ExecutionAlreadyExists: Step
 *   Functions API Reference, StartExecution), DescribeExecution;
 * - EventBridge (AWS JSON 1.1): PutEvents, StartReplay and DescribeReplay over the bus archive;
 * - STS (query protocol): GetCallerIdentity, answering the local account.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeStreamCommand, DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import type { BusEvent, LocalEventBus } from "../eventbridge/local-event-bus";
import type { DeadLetterQueue, DeadLetter } from "../pipe/dead-letter-queue";
import type { PipeDynamoDbEvent } from "../pipe/stream-record";
import type { ExecutionRecord, LocalWorkflow } from "../state-machine/local-workflow";
import { physicalName } from "../../contract/naming";
import { LOCAL_ENVIRONMENT_SUFFIX, type LocalPipeline } from "../runtime/pipeline";
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from "../support/aws-clients";
import { LocalSqsError, LocalSqsQueue } from "./local-sqs-queue";

export interface OperatorEndpointOptions {
  region: string;
  account: string;
  /** The local DynamoDB (and Streams) endpoint requests are passed to. */
  dynamoDbEndpoint: string;
  bus: LocalEventBus;
  archiveName: string;
  workflow: LocalWorkflow;
  stateMachineArn: string;
  pipeName: string;
  deadLetters: {
    pipe: { queueName: string; source: DeadLetterQueue<PipeDynamoDbEvent> };
    rule: { queueName: string; source: DeadLetterQueue<BusEvent> };
  };
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningOperatorEndpoint {
  endpoint: string;
  queues: { pipe: LocalSqsQueue; rule: LocalSqsQueue };
  /** Resolves once every dead letter seen so far is in its queue. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Replay {
  ReplayName: string;
  ReplayArn: string;
  EventSourceArn: string;
  Destination: { Arn: string; FilterArns?: string[] };
  EventStartTime: number;
  EventEndTime: number;
  State: "STARTING" | "RUNNING" | "COMPLETED" | "FAILED";
  StateReason?: string;
  ReplayStartTime: number;
  ReplayEndTime?: number;
  EventLastReplayedTime?: number;
}

export async function startOperatorEndpoint(options: OperatorEndpointOptions): Promise<RunningOperatorEndpoint> {
  const { region, account } = options;
  const queues = { pipe: new LocalSqsQueue(options.deadLetters.pipe.queueName), rule: new LocalSqsQueue(options.deadLetters.rule.queueName) };
  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamoDbEndpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
  const pending = new Set<Promise<void>>();
  const pipeArn = `arn:aws:pipes:${region}:${account}:pipe/${options.pipeName}`;

  const feedPipeDlq = (entry: DeadLetter<PipeDynamoDbEvent>) => {
    const work = pipeDeadLetterBody(streams, pipeArn, entry)
      .then((body) => void queues.pipe.send(body))
      .finally(() => pending.delete(work));
    pending.add(work);
  };
  options.deadLetters.pipe.source.messages.forEach(feedPipeDlq);
  options.deadLetters.pipe.source.onMessage(feedPipeDlq);
  const feedRuleDlq = (entry: DeadLetter<BusEvent>) => void queues.rule.send(JSON.stringify(entry.item));
  options.deadLetters.rule.source.messages.forEach(feedRuleDlq);
  options.deadLetters.rule.source.onMessage(feedRuleDlq);

  const queueUrl = (queue: LocalSqsQueue, base: string) => `${base}/${account}/${queue.name}`;
  const queueOf = (url: unknown): LocalSqsQueue => {
    const name = typeof url === "string" ? url.split("/").pop() : undefined;
    const queue = Object.values(queues).find((candidate) => candidate.name === name);
    if (!queue) throw new ApiError("QueueDoesNotExist", "The specified queue does not exist.");
    return queue;
  };

  const replays = new Map<string, Replay>();
  const archiveArn = `arn:aws:events:${region}:${account}:archive/${options.archiveName}`;
  const busArn = `arn:aws:events:${region}:${account}:event-bus/${options.bus.name}`;
  const ruleArnPrefix = `arn:aws:events:${region}:${account}:rule/${options.bus.name}/`;

  const sqs = (operation: string, input: Record<string, unknown>, base: string): unknown => {
    switch (operation) {
      case "GetQueueUrl": {
        const queue = Object.values(queues).find((candidate) => candidate.name === input.QueueName);
        if (!queue) throw new ApiError("QueueDoesNotExist", "The specified queue does not exist.");
        return { QueueUrl: queueUrl(queue, base) };
      }
      case "ReceiveMessage": {
        const messages = queueOf(input.QueueUrl).receive(Number(input.MaxNumberOfMessages ?? 1), Number(input.VisibilityTimeout ?? 30));
        return messages.length > 0 ? { Messages: messages } : {};
      }
      case "DeleteMessage":
        queueOf(input.QueueUrl).delete(String(input.ReceiptHandle));
        return {};
      case "ChangeMessageVisibility":
        queueOf(input.QueueUrl).changeVisibility(String(input.ReceiptHandle), Number(input.VisibilityTimeout));
        return {};
      case "GetQueueAttributes": {
        const { visible, inFlight } = queueOf(input.QueueUrl).counts();
        return { Attributes: { ApproximateNumberOfMessages: String(visible), ApproximateNumberOfMessagesNotVisible: String(inFlight) } };
      }
      default:
        throw new ApiError("UnsupportedOperation", `SQS ${operation} is not emulated locally.`);
    }
  };

  const describe = (record: ExecutionRecord) => ({
    executionArn: record.executionArn,
    stateMachineArn: options.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startedAt / 1000,
    ...(record.stoppedAt !== undefined ? { stopDate: record.stoppedAt / 1000 } : {}),
    // A succeeded execution whose payloads the local runtime dropped (local-workflow.ts) answers
    // like an execution whose data the service does not include: `inputDetails.included` false.
    ...(record.payloadsDropped
      ? { inputDetails: { included: false }, outputDetails: { included: false } }
      : { input: JSON.stringify(record.input), ...(record.output !== undefined ? { output: JSON.stringify(record.output) } : {}) }),
    ...(record.error !== undefined ? { error: record.error, cause: record.cause } : {}),
  });
  const stepFunctions = (operation: string, input: Record<string, unknown>): unknown => {
    switch (operation) {
      case "StartExecution": {
        if (input.stateMachineArn !== options.stateMachineArn) throw new ApiError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${String(input.stateMachineArn)}'`);
        const name = input.name === undefined ? undefined : String(input.name);
        if (name !== undefined && !/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new ApiError("InvalidName", `Invalid Name: '${name}'`);
        const inputText = typeof input.input === "string" ? input.input : "{}";
        let parsed: unknown;
        try {
          parsed = JSON.parse(inputText);
        } catch {
          throw new ApiError("InvalidExecutionInput", "Invalid State Machine Execution Input: 'not JSON'");
        }
        const existing = name === undefined ? undefined : options.workflow.executions.find((record) => record.name === name);
        if (existing) {
          if (existing.status === "RUNNING" && JSON.stringify(existing.input) === JSON.stringify(parsed)) {
            return { executionArn: existing.executionArn, startDate: existing.startedAt / 1000 };
          }
          throw new ApiError("ExecutionAlreadyExists", `Execution Already Exists: '${existing.executionArn}'`);
        }
        const record = options.workflow.start(parsed, name);
        return { executionArn: record.executionArn, startDate: record.startedAt / 1000 };
      }
      case "DescribeExecution": {
        const record = options.workflow.executions.find((candidate) => candidate.executionArn === input.executionArn);
        if (!record) throw new ApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${String(input.executionArn)}'`);
        return describe(record);
      }
      default:
        throw new ApiError("UnsupportedOperation", `Step Functions ${operation} is not emulated locally.`);
    }
  };

  const runReplay = (replay: Replay, ruleNames: string[]) => {
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        replay.State = "RUNNING";
        for (const event of options.bus.archive) {
          const at = Date.parse(event.time) / 1000;
          if (at < replay.EventStartTime || at > replay.EventEndTime) continue;
          options.bus.replay({ ...event, "replay-name": replay.ReplayName } as BusEvent, ruleNames);
          replay.EventLastReplayedTime = at;
        }
        replay.State = "COMPLETED";
      })
      .catch((error: Error) => {
        replay.State = "FAILED";
        replay.StateReason = error.message;
      })
      .finally(() => {
        replay.ReplayEndTime = Date.now() / 1000;
        pending.delete(work);
      });
    pending.add(work);
  };
  const events = (operation: string, input: Record<string, unknown>): unknown => {
    switch (operation) {
      case "PutEvents": {
        const entries = (input.Entries as Array<Record<string, unknown>> | undefined) ?? [];
        const results = entries.map((entry) => {
          try {
            if (entry.EventBusName !== undefined && entry.EventBusName !== options.bus.name && entry.EventBusName !== busArn) {
              return { ErrorCode: "ResourceNotFoundException", ErrorMessage: `Event bus ${String(entry.EventBusName)} does not exist.` };
            }
            const [eventId] = options.bus.putEvents([
              { source: String(entry.Source ?? ""), detailType: String(entry.DetailType ?? ""), detail: JSON.parse(String(entry.Detail ?? "")), resources: entry.Resources as string[] | undefined },
            ]);
            return { EventId: eventId };
          } catch (error) {
            return { ErrorCode: "InvalidArgument", ErrorMessage: (error as Error).message };
          }
        });
        return { FailedEntryCount: results.filter((result) => "ErrorCode" in result).length, Entries: results };
      }
      case "StartReplay": {
        const name = String(input.ReplayName ?? "");
        if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new ApiError("ValidationException", `ReplayName ${JSON.stringify(name)} must match [.\\-_A-Za-z0-9]+ (1-64).`);
        if (replays.has(name)) throw new ApiError("ResourceAlreadyExistsException", `Replay ${name} already exists.`);
        if (input.EventSourceArn !== archiveArn) throw new ApiError("ResourceNotFoundException", `Archive ${String(input.EventSourceArn)} does not exist.`);
        const destination = (input.Destination ?? {}) as { Arn?: string; FilterArns?: string[] };
        if (destination.Arn !== busArn) throw new ApiError("ValidationException", `Destination ${String(destination.Arn)} must be the archive's source bus ${busArn}.`);
        const ruleNames = (destination.FilterArns ?? []).map((arn) => {
          if (!arn.startsWith(ruleArnPrefix)) throw new ApiError("ResourceNotFoundException", `Rule ${arn} does not exist on ${options.bus.name}.`);
          return arn.slice(ruleArnPrefix.length);
        });
        if (!ruleNames.every((rule) => options.bus.hasRule(rule))) throw new ApiError("ResourceNotFoundException", `Rule ${ruleNames.join(", ")} does not exist on ${options.bus.name}.`);
        const start = Number(input.EventStartTime);
        const end = Number(input.EventEndTime);
        if (!(start < end)) throw new ApiError("InvalidEventPatternException", "EventStartTime must be before EventEndTime.");
        const replay: Replay = {
          ReplayName: name,
          ReplayArn: `arn:aws:events:${region}:${account}:replay/${name}`,
          EventSourceArn: archiveArn,
          Destination: destination as Replay["Destination"],
          EventStartTime: start,
          EventEndTime: end,
          State: "STARTING",
          ReplayStartTime: Date.now() / 1000,
        };
        replays.set(name, replay);
        runReplay(replay, ruleNames);
        return { ReplayArn: replay.ReplayArn, State: replay.State, ReplayStartTime: replay.ReplayStartTime };
      }
      case "DescribeReplay": {
        const replay = replays.get(String(input.ReplayName));
        if (!replay) throw new ApiError("ResourceNotFoundException", `Replay ${String(input.ReplayName)} does not exist.`);
        return { ...replay };
      }
      default:
        throw new ApiError("UnsupportedOperation", `EventBridge ${operation} is not emulated locally.`);
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const target = String(request.headers["x-amz-target"] ?? "");
      const [service, operation = ""] = target.split(".");
      if (service === "DynamoDB_20120810" || service === "DynamoDBStreams_20120810") {
        passThrough(options.dynamoDbEndpoint, request, body, response);
        return;
      }
      const base = `http://${request.headers.host ?? "127.0.0.1"}`;
      const json = (status: number, payload: unknown, contentType: string) => {
        response.writeHead(status, { "Content-Type": contentType });
        response.end(JSON.stringify(payload));
      };
      const handlers: Record<string, { contentType: string; namespace: string; handle: (input: Record<string, unknown>) => unknown }> = {
        AmazonSQS: { contentType: "application/x-amz-json-1.0", namespace: "com.amazonaws.sqs#", handle: (input) => sqs(operation, input, base) },
        AWSStepFunctions: { contentType: "application/x-amz-json-1.0", namespace: "com.amazonaws.states#", handle: (input) => stepFunctions(operation, input) },
        AWSEvents: { contentType: "application/x-amz-json-1.1", namespace: "", handle: (input) => events(operation, input) },
      };
      const handler = handlers[service ?? ""];
      if (!handler) {
        if (body.toString("utf8").includes("Action=GetCallerIdentity")) {
          response.writeHead(200, { "Content-Type": "text/xml" });
          response.end(callerIdentityXml(account));
          return;
        }
        json(400, { __type: "UnknownOperationException", message: `Not emulated locally: ${target || request.url}` }, "application/x-amz-json-1.1");
        return;
      }
      try {
        const input = body.length === 0 ? {} : (JSON.parse(body.toString("utf8")) as Record<string, unknown>);
        json(200, handler.handle(input), handler.contentType);
      } catch (error) {
        const code = error instanceof ApiError || error instanceof LocalSqsError ? (error as { code: string }).code : "InternalFailure";
        const status = error instanceof ApiError ? error.status : code === "InternalFailure" ? 500 : 400;
        json(status, { __type: `${handler.namespace}${code}`, message: (error as Error).message }, handler.contentType);
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    queues,
    settled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      streams.destroy();
    },
  };
}

/** What Pipes writes to the DLQ for a stream source: where the failed batch is, not its records. */
async function pipeDeadLetterBody(streams: DynamoDBStreamsClient, pipeArn: string, entry: DeadLetter<PipeDynamoDbEvent>): Promise<string> {
  const event = entry.item;
  const sequence = event.dynamodb.SequenceNumber;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: event.eventSourceARN }));
  const shard = (StreamDescription?.Shards ?? []).find((candidate) => {
    const range = candidate.SequenceNumberRange ?? {};
    return BigInt(range.StartingSequenceNumber ?? "0") <= BigInt(sequence) && (range.EndingSequenceNumber === undefined || BigInt(sequence) <= BigInt(range.EndingSequenceNumber));
  });
  const created = event.dynamodb.ApproximateCreationDateTime;
  const arrival = typeof created === "number" ? new Date(created * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") : entry.failedAt;
  return JSON.stringify({
    context: { partnerResourceArn: pipeArn, condition: "RetryAttemptsExhausted" },
    version: "1.0",
    timestamp: entry.failedAt,
    DDBStreamBatchInfo: {
      shardId: shard?.ShardId ?? "unknown",
      startSequenceNumber: sequence,
      endSequenceNumber: sequence,
      approximateArrivalOfFirstRecord: arrival,
      approximateArrivalOfLastRecord: arrival,
      batchSize: 1,
      streamArn: event.eventSourceARN,
    },
  });
}

function passThrough(endpoint: string, request: IncomingMessage, body: Buffer, response: ServerResponse): void {
  const target = new URL(endpoint);
  const forwarded = httpRequest(
    { hostname: target.hostname, port: target.port, path: request.url, method: request.method, headers: { ...request.headers, host: target.host } },
    (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    },
  );
  forwarded.on("error", (error) => {
    response.writeHead(502, { "Content-Type": "application/x-amz-json-1.0" });
    response.end(JSON.stringify({ __type: "InternalServerError", message: `local DynamoDB unreachable: ${error.message}` }));
  });
  forwarded.end(body);
}

function callerIdentityXml(account: string): string {
  return (
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
    `<Arn>arn:aws:iam::${account}:user/local-operator</Arn><UserId>LOCALOPERATOR</UserId><Account>${account}</Account>` +
    `</GetCallerIdentityResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
  );
}

/** The endpoint for a running local pipeline, with the stack's resource names for the local suffix. */
export async function startOperatorEndpointFor(pipeline: LocalPipeline, port = 0): Promise<RunningOperatorEndpoint> {
  const name = (type: string) => physicalName(type, LOCAL_ENVIRONMENT_SUFFIX);
  const endpoint = await pipeline.dynamoDb.config.endpoint!();
  return startOperatorEndpoint({
    region: LOCAL_REGION,
    account: LOCAL_ACCOUNT_ID,
    dynamoDbEndpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`,
    bus: pipeline.bus,
    archiveName: name("payment-events-archive"),
    workflow: pipeline.workflow,
    stateMachineArn: `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stateMachine:${name("payment-processing")}`,
    pipeName: name("payment-events-pipe"),
    deadLetters: {
      pipe: { queueName: name("payment-events-pipe-dlq"), source: pipeline.deadLetters.pipe },
      rule: { queueName: name("payment-webhook-received-dlq"), source: pipeline.deadLetters.rule },
    },
    port,
  });
}
