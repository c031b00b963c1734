/**
 * The handler subsegment wrapper (lambda/shared/traced-handler.ts) against a real Powertools
 * Tracer whose current segment is a real X-Ray SDK segment (aws-xray-sdk-core, which Tracer
 * bundles), so the subsegment and its annotations can be read back.
 */
import { Tracer } from "@aws-lambda-powertools/tracer";
import { Segment, Subsegment } from "aws-xray-sdk-core";
import { withHandlerSubsegment } from "../../lambda/shared/traced-handler";

function tracerWithFacade(): { tracer: Tracer; facade: Segment } {
  process.env.POWERTOOLS_TRACE_ENABLED = "true";
  process.env.AWS_LAMBDA_FUNCTION_NAME = "webhook-validator-test";
  const tracer = new Tracer({ serviceName: "webhook-validator" });
  const facade = new Segment("facade");
  let current: Segment | Subsegment = facade;
  jest.spyOn(tracer, "getSegment").mockImplementation(() => current);
  jest.spyOn(tracer, "setSegment").mockImplementation((segment) => {
    current = segment;
  });
  jest.spyOn(tracer, "isTracingEnabled").mockReturnValue(true);
  jest.spyOn(tracer.provider, "putAnnotation").mockImplementation((key, value) => {
    current.addAnnotation(key, value);
  });
  return { tracer, facade };
}

afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.POWERTOOLS_TRACE_ENABLED;
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
});

it("runs the handler in a closed `## handler` subsegment annotated with cold start, service and the handler's own keys", async () => {
  const { tracer, facade } = tracerWithFacade();
  const handler = withHandlerSubsegment(tracer, async (event: string) => {
    tracer.putAnnotation("provider", event);
    return "ok";
  });

  expect(await handler("stripe")).toBe("ok");

  const [subsegment] = facade.subsegments as Subsegment[];
  expect(subsegment.name).toMatch(/^## /);
  // `annotations` is set by addAnnotation but missing from the SDK's typings.
  expect((subsegment as Subsegment & { annotations: Record<string, unknown> }).annotations).toMatchObject({ ColdStart: expect.any(Boolean), Service: "webhook-validator", provider: "stripe" });
  expect(subsegment.isClosed()).toBe(true);
  expect(tracer.getSegment()).toBe(facade);
});

it("restores the facade segment and closes the subsegment when the handler throws", async () => {
  const { tracer, facade } = tracerWithFacade();
  const handler = withHandlerSubsegment(tracer, async () => {
    throw new Error("boom");
  });

  await expect(handler(undefined)).rejects.toThrow("boom");
  const [subsegment] = facade.subsegments as Subsegment[];
  expect(subsegment.isClosed()).toBe(true);
  expect(tracer.getSegment()).toBe(facade);
});
