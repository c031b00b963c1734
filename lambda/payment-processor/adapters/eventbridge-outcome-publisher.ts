/** Publishes outcome events on the pipeline's bus for downstream workflows. */
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { OutcomeEvent } from "../core/outcome";
import type { OutcomePublisher } from "../core/ports";
import { PaymentPermanentError, PaymentTransientError } from "../errors";
import { toProcessingError } from "./aws-errors";

/** PutEvents per-entry error codes worth another attempt. */
const TRANSIENT_ENTRY_ERRORS = new Set(["ThrottlingException", "InternalFailure", "InternalException", "ServiceUnavailable"]);

export class EventBridgeOutcomePublisher implements OutcomePublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(outcome: OutcomeEvent): Promise<void> {
    let response;
    try {
      response = await this.client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.eventBusName,
              Source: outcome.source,
              DetailType: outcome.detailType,
              Time: outcome.time,
              Detail: JSON.stringify(outcome.detail),
            },
          ],
        }),
      );
    } catch (error) {
      throw toProcessingError(error, "Publishing the outcome event");
    }
    // PutEvents reports per-entry failures in a 200 response; an unchecked one is a silent loss.
    const failed = response.Entries?.find((entry) => entry.ErrorCode);
    if ((response.FailedEntryCount ?? 0) > 0 || failed) {
      const code = failed?.ErrorCode ?? "Unknown";
      const message = `EventBridge rejected the ${outcome.detailType} outcome for payment ${outcome.detail.paymentId} (${code}: ${failed?.ErrorMessage ?? "no message"}).`;
      throw TRANSIENT_ENTRY_ERRORS.has(code) ? new PaymentTransientError(message) : new PaymentPermanentError(message);
    }
  }
}
