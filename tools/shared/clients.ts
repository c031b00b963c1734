/** The SDK v3 clients of the operator tools, all built from one ClientConfig (see aws-target.ts). */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import type { ClientConfig } from "./aws-target";

export interface OperatorClients {
  sqs: SQSClient;
  dynamoDb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  events: EventBridgeClient;
  sfn: SFNClient;
  sts: STSClient;
  destroy(): void;
}

export function operatorClients(config: ClientConfig): OperatorClients {
  const clients = {
    sqs: new SQSClient(config),
    dynamoDb: new DynamoDBClient(config),
    streams: new DynamoDBStreamsClient(config),
    events: new EventBridgeClient(config),
    sfn: new SFNClient(config),
    sts: new STSClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}
