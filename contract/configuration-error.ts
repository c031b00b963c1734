/**
 * A configuration value is wrong. Thrown by the parsers that both `pulumi up` (stack config) and
 * the handlers' cold start (environment variables) run, so one bad value is refused the same way
 * in both places, naming the key and never echoing the value (it may be a secret).
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}
