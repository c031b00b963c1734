/**
 * aws-local-stepfunctions 3.0.0 declares engines node >=22 and calls Promise.withResolvers,
 * which Node 20 lacks. Without this, every Task state fails with a TypeError that a
 * States.ALL Catch silently swallows. The local runtime (local/) installs the same
 * polyfill through the same module.
 */
import "../../local/support/promise-with-resolvers";
