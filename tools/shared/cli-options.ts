/**
 * `--name value` / `--flag` options of the operator tools. Unknown options are an error, so a
 * typo (`--webhook-per-month`) never silently falls back to a default.
 */
export interface OptionSpec {
  /** Options that take a value. */
  values: readonly string[];
  /** Options that are present or not. */
  flags?: readonly string[];
}

export interface ParsedOptions {
  values: Map<string, string>;
  flags: Set<string>;
  positional: string[];
}

export function parseOptions(argv: readonly string[], spec: OptionSpec): ParsedOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (!argument.startsWith("--")) {
      positional.push(argument);
      continue;
    }
    const [name, inline] = argument.slice(2).split("=", 2);
    if (spec.flags?.includes(name)) {
      flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[(index += 1)];
      if (value === undefined) throw new Error(`--${name} needs a value.`);
      values.set(name, value);
    } else {
      const known = [...spec.values, ...(spec.flags ?? [])].map((option) => `--${option}`).join(", ");
      throw new Error(`unknown option --${name}; known: ${known}.`);
    }
  }
  return { values, flags, positional };
}

/** A positive number option, or `fallback` when absent. */
export function numberOption(options: ParsedOptions, name: string, fallback: number, { integer = false, min = 0 } = {}): number {
  const raw = options.values.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be ${integer ? "an integer" : "a number"} >= ${min}; got ${JSON.stringify(raw)}.`);
  }
  return value;
}
