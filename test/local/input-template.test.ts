import { PIPE_INPUT_TEMPLATE } from "../../contract/event-routing";
import { InputTemplateError, renderInputTemplate, renderJsonInputTemplate } from "../../local/pipe/input-template";

/** The SQS-shaped event the Pipes input-transformation docs use for their examples. */
const SQS_EVENT = {
  messageId: "e7bd6da1",
  body: { key: "value", list: [1, 2], "dashed-name": "d" },
  attributes: { SenderId: "AIDAJQR6QDGQ7PATMSYEY", ApproximateReceiveCount: "1" },
  Records: ["zero", "one", "two", "three"],
};

describe("Pipes input template rendering", () => {
  it("static string", () => {
    expect(renderInputTemplate("Hello, sender", SQS_EVENT)).toBe("Hello, sender");
  });

  it("dynamic string (free text gets raw values)", () => {
    expect(renderInputTemplate("Hello, <$.attributes.SenderId>", SQS_EVENT)).toBe("Hello, AIDAJQR6QDGQ7PATMSYEY");
  });

  it("dynamic JSON: quoted placeholders become strings, unquoted ones JSON values", () => {
    const template = '{"sender": "<$.attributes.SenderId>", "body": <$.body>, "list": <$.body.list>, "third": "<$.Records[3]>"}';
    expect(renderJsonInputTemplate(template, SQS_EVENT)).toEqual({
      sender: "AIDAJQR6QDGQ7PATMSYEY",
      body: { key: "value", list: [1, 2], "dashed-name": "d" },
      list: [1, 2],
      third: "three",
    });
  });

  it("dashes in paths and placeholders embedded in longer strings", () => {
    expect(renderJsonInputTemplate('{"msg": "id <$.messageId> / <$.body.dashed-name>"}', SQS_EVENT)).toEqual({ msg: "id e7bd6da1 / d" });
  });

  it("escapes quotes, backslashes and newlines inside quoted placeholders", () => {
    const event = { text: 'say "hi"\\\n' };
    expect(renderJsonInputTemplate('{"t": "<$.text>"}', event)).toEqual({ t: 'say "hi"\\\n' });
  });

  it("a quoted object placeholder becomes its JSON text", () => {
    expect(renderJsonInputTemplate('{"b": "<$.body.list>"}', SQS_EVENT)).toEqual({ b: "[1,2]" });
  });

  it("reserved variables", () => {
    expect(
      renderJsonInputTemplate('{"pipe": "<aws.pipes.pipe-name>", "event": <aws.pipes.event.json>}', { a: 1 }, { "aws.pipes.pipe-name": "p1" }),
    ).toEqual({ pipe: "p1", event: { a: 1 } });
  });

  it("an absent path is an error naming the path, not an empty value", () => {
    expect(() => renderInputTemplate('{"x": "<$.attributes.Missing>"}', SQS_EVENT)).toThrow(InputTemplateError);
    expect(() => renderInputTemplate('{"x": "<$.attributes.Missing>"}', SQS_EVENT)).toThrow("$.attributes.Missing is absent");
  });

  it("a template that renders to invalid JSON is an error", () => {
    expect(() => renderInputTemplate('{"x": <$.messageId>', SQS_EVENT)).toThrow("did not render to valid JSON");
  });

  it("the contract's template turns a stream record into a WebhookEventDetail of strings", () => {
    const record = {
      eventName: "INSERT",
      dynamodb: {
        NewImage: {
          paymentId: { S: "pi_1" },
          timestamp: { S: "2026-01-01T00:00:00.000Z#evt_1" },
          itemType: { S: "EVENT" },
          provider: { S: "stripe" },
          eventId: { S: "evt_1" },
          eventType: { S: "payment_intent.succeeded" },
          status: { S: "SUCCEEDED" },
          amount: { N: "1999" },
          currency: { S: "USD" },
          failureCode: { S: "" },
          declineSignals: { S: "" },
          occurredAt: { S: "2026-01-01T00:00:00.000Z" },
          payload: { S: '{"big":"payload"}' },
        },
      },
    };
    expect(renderJsonInputTemplate(PIPE_INPUT_TEMPLATE, record)).toEqual({
      paymentId: "pi_1",
      timestamp: "2026-01-01T00:00:00.000Z#evt_1",
      provider: "stripe",
      eventId: "evt_1",
      eventType: "payment_intent.succeeded",
      status: "SUCCEEDED",
      amount: "1999",
      currency: "USD",
      failureCode: "",
      declineSignals: "",
      occurredAt: "2026-01-01T00:00:00.000Z",
    });
  });
});
