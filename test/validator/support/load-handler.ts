/**
 * Loads the REAL Lambda entry point (lambda/webhook-validator/index.ts) with a given
 * environment, in an isolated module registry so its cold-start code runs each time.
 * The environment stays set: the SDK resolves endpoint and credentials lazily, on first call.
 * (Each jest test file runs in its own module registry and environment copy.)
 */
import type { ApiGatewayHandler } from "../../../lambda/webhook-validator/http/api-gateway-handler";

export function loadHandler(env: Record<string, string | undefined>): ApiGatewayHandler {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let handler: ApiGatewayHandler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = (require("../../../lambda/webhook-validator/index") as { handler: ApiGatewayHandler }).handler;
  });
  if (handler === undefined) throw new Error("lambda/webhook-validator/index did not export handler");
  return handler;
}
