/**
 * Errors the local DynamoDB front answers itself, in the JSON-1.0 shape the AWS SDK parses
 * (`__type` ending in `#<ExceptionName>`), so clients see the same exception classes as in AWS.
 */
export class DynamoDbApiError extends Error {
  constructor(
    readonly type: "ValidationException" | "ResourceNotFoundException" | "ResourceInUseException" | "InternalServerError" | "TrimmedDataAccessException",
    message: string,
    readonly statusCode = type === "InternalServerError" ? 500 : 400,
  ) {
    super(message);
    this.name = type;
  }

  toBody(): { __type: string; message: string } {
    return { __type: `com.amazonaws.dynamodb.v20120810#${this.type}`, message: this.message };
  }
}

export function validation(message: string): DynamoDbApiError {
  return new DynamoDbApiError("ValidationException", message);
}

export function notFound(message: string): DynamoDbApiError {
  return new DynamoDbApiError("ResourceNotFoundException", message);
}
