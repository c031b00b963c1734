/**
 * The Lambda edge: the bundled entry point's cold start, its clients honouring AWS_ENDPOINT_URL_*
 * (dynalite for DynamoDB, a recording HTTP endpoint for EventBridge's PutEvents), and the error
 * names that reach Step Functions.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { EventBridgeOutcomePublisher } from "../../../lambda/payment-processor/adapters/eventbridge-outcome-publisher";
import type { OutcomeEvent } from "../../../lambda/payment-processor/core/outcome";
import type { PaymentStateStore } from "../../../lambda/payment-processor/core/ports";
import { createProcessorHandler } from "../../../lambda/payment-processor/handler";
import type { ProcessorDependencies } from "../../../lambda/payment-processor/core/process-payment-event";
import { encodeDeclineSignals } from "../../../contract/decline-signals";
import { startDynaliteEventTable, type DynaliteEventTable } from "../../support/dynalite-event-table";
import { RecordingPublisher } from "../support/processor-harness";
import { eventDetail } from "../support/workflow-fixtures";

type Handler = (event: unknown, context?: unknown) => Promise<unknown>;

function loadEntryPoint(): { handler: Handler } {
  let loaded: { handler: Handler } | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require("../../../lambda/payment-processor/index");
  });
  return loaded as { handler: Handler };
}

describe("payment-processor entry point", () => {
  const savedEnv = { ...process.env };
  let dynamo: DynaliteEventTable;
  let bus: Server;
  const putEventsBodies: Array<{ Entries: Array<Record<string, string>> }> = [];

  beforeAll(async () => {
    dynamo = await startDynaliteEventTable("payment-events-handler");
    bus = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        if (request.headers["x-amz-target"] === "AWSEvents.PutEvents") putEventsBodies.push(JSON.parse(body));
        response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: "out-1" }] }));
      });
    });
    await new Promise<void>((resolve) => bus.listen(0, "127.0.0.1", () => resolve()));
  });
  afterAll(async () => {
    process.env = savedEnv;
    await dynamo.stop();
    await new Promise<void>((resolve) => bus.close(() => resolve()));
  });
  beforeEach(() => {
    process.env = {
      ...savedEnv,
      EVENTS_TABLE_NAME: dynamo.tableName,
      EVENT_BUS_NAME: "payment-events-test",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${(bus.address() as AddressInfo).port}`,
      POWERTOOLS_LOG_LEVEL: "SILENT",
      POWERTOOLS_METRICS_DISABLED: "true",
    };
  });

  it.each(["EVENTS_TABLE_NAME", "EVENT_BUS_NAME"])("fails at cold start naming a missing %s", (name) => {
    delete process.env[name];
    expect(loadEntryPoint).toThrow(`Environment variable ${name} is required but not set.`);
  });

  it("processes an event end to end through the endpoints given by AWS_ENDPOINT_URL_*", async () => {
    const { handler } = loadEntryPoint();

    const decision = await handler(eventDetail({ paymentId: "pi_entry" }), { awsRequestId: "req-1" });

    expect(decision).toMatchObject({ disposition: "APPLIED", paymentStatus: "SUCCEEDED", outcomePublished: "Payment Succeeded" });
    expect(putEventsBodies).toHaveLength(1);
    const [entry] = putEventsBodies[0].Entries;
    expect(entry).toMatchObject({ EventBusName: "payment-events-test", Source: "payment-webhooks.processor", DetailType: "Payment Succeeded" });
    expect(JSON.parse(entry.Detail)).toMatchObject({ paymentId: "pi_entry", status: "SUCCEEDED", amount: 2500 });
  });

  it("emits its metrics with the service name the stack sets (the function's physical name)", async () => {
    process.env.POWERTOOLS_SERVICE_NAME = "payment-processor-pr42";
    process.env.POWERTOOLS_METRICS_NAMESPACE = "PaymentWebhooks";
    delete process.env.POWERTOOLS_METRICS_DISABLED;
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const { handler } = loadEntryPoint();
      await handler(eventDetail({ paymentId: "pi_service" }), { awsRequestId: "req-2" });
    } finally {
      spy.mockRestore();
    }
    const emf = written.flatMap((line) => line.split("\n")).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line));
    expect(emf.length).toBeGreaterThan(0);
    for (const record of emf) {
      expect(record.service).toBe("payment-processor-pr42");
      expect(record._aws.CloudWatchMetrics[0].Namespace).toBe("PaymentWebhooks");
    }
  });
});

/** Processor dependencies over an in-memory store, a recording publisher and a fixed clock. */
function inMemoryDependencies(): ProcessorDependencies {
  const states = new Map<string, never>();
  const store: PaymentStateStore = {
    load: async (id) => states.get(id) ?? null,
    save: async (next) => void states.set(next.paymentId, next as never),
    markOutcomePublished: async () => undefined,
  };
  return { store, publisher: new RecordingPublisher(), clock: { now: () => new Date("2026-03-01T12:00:00Z") } };
}

describe("createProcessorHandler error names (what Step Functions' Retry/Catch match)", () => {
  const silentLogger = new Logger({ serviceName: "payment-processor", logLevel: "SILENT" });
  // Metrics reads its env at construction; keep EMF lines out of the test output.
  beforeEach(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = "true";
  });

  function handlerFailingWith(error: unknown) {
    const metrics = new Metrics({ namespace: "Test", serviceName: "payment-processor" });
    const addMetric = jest.spyOn(metrics, "addMetric");
    const store: PaymentStateStore = {
      load: async () => {
        throw error;
      },
      save: async () => undefined,
      markOutcomePublished: async () => undefined,
    };
    const handler = createProcessorHandler(
      { store, publisher: new RecordingPublisher(), clock: { now: () => new Date() } },
      { logger: silentLogger, metrics, annotate: () => undefined },
    );
    return { handler, addMetric };
  }

  it.each<[string, string, string, unknown]>([
    ["DynamoDB throttling", "Payment.Transient", "PaymentProcessingTransientErrors", Object.assign(new Error("slow down"), { name: "ProvisionedThroughputExceededException", $fault: "client" })],
    ["a 5xx from AWS", "Payment.Transient", "PaymentProcessingTransientErrors", Object.assign(new Error("oops"), { name: "InternalServerError", $fault: "server" })],
    ["a dropped connection", "Payment.Transient", "PaymentProcessingTransientErrors", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
    ["access denied", "Payment.Permanent", "PaymentProcessingPermanentErrors", Object.assign(new Error("not allowed"), { name: "AccessDeniedException", $fault: "client" })],
    ["a bug", "Payment.Permanent", "PaymentProcessingPermanentErrors", new TypeError("x is undefined")],
  ])("%s leaves as %s and is counted as %s", async (_case, name, metric, error) => {
    const { handler, addMetric } = handlerFailingWith(error);
    await expect(handler(eventDetail())).rejects.toMatchObject({ name, cause: error });
    expect(addMetric).toHaveBeenCalledWith(metric, "Count", 1);
  });

  it("an invalid event leaves as Payment.InvalidEvent before touching the store", async () => {
    const { handler } = handlerFailingWith(new Error("store must not be called"));
    await expect(handler({ ...eventDetail(), status: "nope" })).rejects.toMatchObject({ name: "Payment.InvalidEvent" });
  });

  it("counts a declined payment (and its category) once, when its outcome is published", async () => {
    const metrics = new Metrics({ namespace: "Test", serviceName: "payment-processor" });
    const addMetric = jest.spyOn(metrics, "addMetric");
    const handler = createProcessorHandler(inMemoryDependencies(), { logger: silentLogger, metrics, annotate: () => undefined });
    await handler(eventDetail({ status: "FAILED", failureCode: "stolen_card" }));
    expect(addMetric.mock.calls.map(([name]) => name)).toEqual(["PaymentEventsApplied", "PaymentDeclined", "PaymentHardDeclined"]);
  });

  it("counts an event that names no payment as PaymentEventsUnreferenced, without touching the store", async () => {
    const metrics = new Metrics({ namespace: "Test", serviceName: "payment-processor" });
    const addMetric = jest.spyOn(metrics, "addMetric");
    const untouchable = async (): Promise<never> => {
      throw new Error("store must not be called");
    };
    const handler = createProcessorHandler(
      { store: { load: untouchable, save: untouchable, markOutcomePublished: untouchable }, publisher: new RecordingPublisher(), clock: { now: () => new Date("2026-03-01T12:00:00Z") } },
      { logger: silentLogger, metrics, annotate: () => undefined },
    );
    const decision = await handler(eventDetail({ paymentId: "unreferenced#stripe#evt_payout", eventId: "evt_payout", eventType: "payout.paid", status: "UNKNOWN" }));
    expect(decision).toMatchObject({ disposition: "UNREFERENCED", outcomePublished: null });
    expect(addMetric.mock.calls.map(([name]) => name)).toEqual(["PaymentEventsUnreferenced"]);
  });
});

describe("processor logs", () => {
  it("carry the provider event id as correlation id and the payment id, and never the raw payload", async () => {
    process.env.POWERTOOLS_METRICS_DISABLED = "true";
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const handler = createProcessorHandler(inMemoryDependencies(), { logger: new Logger({ serviceName: "payment-processor", logLevel: "INFO" }), metrics: new Metrics({ namespace: "Test" }), annotate: () => undefined });
      await handler({ ...eventDetail({ eventId: "evt_log_1", paymentId: "pi_log" }), payload: "card=4242424242424242" });
    } finally {
      write.mockRestore();
    }
    const entries = lines.flatMap((line) => line.split("\n")).filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    const processed = entries.find((entry) => entry.message === "Payment event processed");
    expect(processed).toMatchObject({ correlation_id: "evt_log_1", paymentId: "pi_log", level: "INFO", service: "payment-processor" });
    expect(lines.join("")).not.toContain("4242424242424242");
  });
});

/**
 * A decline code no table knows is classified HARD (never retried); operators learn of it from a
 * metric per provider and a log line naming the code. Read from the EMF records the handler
 * writes, by the CloudWatch Embedded Metric Format specification: a metric is named in
 * `_aws.CloudWatchMetrics[].Metrics[].Name`, its dimension names in `Dimensions`, and each
 * dimension's and metric's value is the top-level member of that name
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 */
describe("unrecognised decline codes", () => {
  interface EmfRecord {
    _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
    [member: string]: unknown;
  }

  async function run(detail: Parameters<typeof eventDetail>[0]): Promise<{ emf: EmfRecord[]; logs: Array<Record<string, unknown>> }> {
    const saved = process.env.POWERTOOLS_METRICS_DISABLED;
    delete process.env.POWERTOOLS_METRICS_DISABLED;
    const lines: string[] = [];
    // EMF records go to stdout; the logger writes warnings to stderr.
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const write = jest.spyOn(process.stdout, "write").mockImplementation(capture);
    const writeError = jest.spyOn(process.stderr, "write").mockImplementation(capture);
    try {
      const handler = createProcessorHandler(inMemoryDependencies(), { logger: new Logger({ serviceName: "payment-processor", logLevel: "WARN" }), metrics: new Metrics({ namespace: "PaymentWebhooks", serviceName: "payment-processor" }), annotate: () => undefined });
      await handler(eventDetail({ status: "FAILED", eventType: "payment_intent.payment_failed", ...detail }));
    } finally {
      write.mockRestore();
      writeError.mockRestore();
      // Assigning undefined would store the text "undefined".
      if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
      else process.env.POWERTOOLS_METRICS_DISABLED = saved;
    }
    const records = lines.flatMap((line) => line.split("\n")).filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    return { emf: records.filter((record): record is EmfRecord => "_aws" in record), logs: records.filter((record) => !("_aws" in record)) };
  }

  /** The records that carry `metric`, with the value and dimensions the specification gives them. */
  function metricRecords(emf: EmfRecord[], metric: string) {
    return emf
      .filter((record) => record._aws.CloudWatchMetrics.some((directive) => directive.Metrics.some((m) => m.Name === metric)))
      .map((record) => {
        const directive = record._aws.CloudWatchMetrics.find((d) => d.Metrics.some((m) => m.Name === metric))!;
        return { value: record[metric], unit: directive.Metrics.find((m) => m.Name === metric)!.Unit, namespace: directive.Namespace, dimensions: Object.fromEntries(directive.Dimensions.flat().map((name) => [name, record[name]])) };
      });
  }

  it("an unknown failure code is counted as PaymentDeclineCodeUnrecognised per provider and logged by name", async () => {
    const { emf, logs } = await run({ provider: "adyen", failureCode: "zz_not_a_reason" });
    expect(metricRecords(emf, "PaymentDeclineCodeUnrecognised")).toEqual([{ value: 1, unit: "Count", namespace: "PaymentWebhooks", dimensions: { service: "payment-processor", provider: "adyen" } }]);
    expect(metricRecords(emf, "PaymentDeclineAdviceUnrecognised")).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: "WARN", provider: "adyen", unrecognised: ["code:zz_not_a_reason"] }));
  });

  it("a known code with an unknown advice code is counted as PaymentDeclineAdviceUnrecognised", async () => {
    const { emf, logs } = await run({ provider: "stripe", failureCode: "generic_decline", declineSignals: encodeDeclineSignals({ adviceCode: "zz_new_advice" }) });
    expect(metricRecords(emf, "PaymentDeclineAdviceUnrecognised")).toEqual([{ value: 1, unit: "Count", namespace: "PaymentWebhooks", dimensions: { service: "payment-processor", provider: "stripe" } }]);
    expect(metricRecords(emf, "PaymentDeclineCodeUnrecognised")).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: "WARN", unrecognised: ["advice:zz_new_advice"] }));
  });

  it("a known code with known advice is counted as a decline only", async () => {
    const { emf, logs } = await run({ provider: "stripe", failureCode: "insufficient_funds", declineSignals: encodeDeclineSignals({ adviceCode: "try_again_later" }) });
    expect(metricRecords(emf, "PaymentDeclined")).toHaveLength(1);
    expect([...metricRecords(emf, "PaymentDeclineCodeUnrecognised"), ...metricRecords(emf, "PaymentDeclineAdviceUnrecognised")]).toEqual([]);
    expect(logs.filter((entry) => entry.level === "WARN")).toEqual([]);
  });
});

describe("EventBridgeOutcomePublisher", () => {
  const outcome = { source: "payment-webhooks.processor", detailType: "Payment Succeeded", time: new Date(0), detail: { paymentId: "pi_1" } } as unknown as OutcomeEvent;
  const clientAnswering = (answer: unknown) => ({ send: async (command: unknown) => (command instanceof PutEventsCommand ? answer : undefined) }) as unknown as EventBridgeClient;

  it.each([
    ["ThrottlingException", "Payment.Transient"],
    ["InternalFailure", "Payment.Transient"],
    ["MalformedDetail", "Payment.Permanent"],
  ])("a rejected entry (%s) is not a silent loss: it throws %s", async (errorCode, name) => {
    const publisher = new EventBridgeOutcomePublisher(clientAnswering({ FailedEntryCount: 1, Entries: [{ ErrorCode: errorCode, ErrorMessage: "no" }] }), "bus");
    await expect(publisher.publish(outcome)).rejects.toMatchObject({ name, message: expect.stringContaining(errorCode) });
  });
});
