/**
 * jest's Node environment, plus one thing every test file of a worker shares: the Lambda bundles
 * the program builds (lib/functions/lambda-bundle.ts memoises them on the global object under
 * `Symbol.for("payment-webhooks:lambda-bundles")`). jest gives each test file a fresh global, so
 * without this each of the ~16 files that run the program waits ~0.6 s for esbuild to build the
 * same two bundles again. The sources do not change while jest runs, and a bundle is only ever
 * read, so sharing it within a worker changes no test's input.
 */
const { TestEnvironment } = require("jest-environment-node");

const LAMBDA_BUNDLES = Symbol.for("payment-webhooks:lambda-bundles");
const bundlesOfThisWorker = new Map();

class PaymentWebhooksEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global[LAMBDA_BUNDLES] = bundlesOfThisWorker;
  }
}

module.exports = PaymentWebhooksEnvironment;
