/**
 * Powertools Tracer's manual handler instrumentation (its documented alternative to the middy
 * middleware and the class decorator, neither of which fits a plain exported function): a
 * `## <handler>` subsegment per invocation carrying the ColdStart and Service annotations.
 * Annotations cannot go on Lambda's own facade segment, so anything the handler annotates lands
 * on this subsegment. With tracing disabled (tests, local runtime) Tracer hands out a dummy segment.
 */
import type { Tracer } from "@aws-lambda-powertools/tracer";

export function withHandlerSubsegment<Event, Context, Result>(
  tracer: Tracer,
  handler: (event: Event, context?: Context) => Promise<Result>,
): (event: Event, context?: Context) => Promise<Result> {
  return async (event, context) => {
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? "handler"}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(event, context);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
    }
  };
}
