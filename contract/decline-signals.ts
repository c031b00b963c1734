/**
 * The decline details besides the reason code that the validator reads from a provider's payload
 * and the processor needs for the card networks' retry rules. They travel as ONE string attribute
 * (`declineSignals` on the EVENT item and in the workflow's detail), so the Pipe's input template
 * and every item gain one field, not five. The format is `key=value` pairs joined by `;`, keys in
 * a fixed order; values are restricted to a charset that needs no escaping anywhere (JSON, the
 * Pipe template, logs), and anything else is dropped rather than smuggled through.
 */

export interface DeclineSignals {
  /** The provider's own retry advice: Stripe `advice_code`, Checkout.com `recommendation_code`. */
  adviceCode: string;
  /** Mastercard's Merchant Advice Code (MAC), two digits ("03", "24"). */
  merchantAdviceCode: string;
  /** The card network's raw response code (Visa/Mastercard response code, e.g. "51", "R1"). */
  networkResponseCode: string;
  /** Card network in lower case ("visa", "mastercard", "amex", …); "" when unknown. */
  cardNetwork: string;
  /**
   * The authorisation attempt the decline belongs to (Stripe charge id, Adyen pspReference,
   * Checkout.com action id, Square payment id). Two notifications of one decline share it, so the
   * decline is counted once.
   */
  attemptId: string;
}

export const NO_DECLINE_SIGNALS: Readonly<DeclineSignals> = Object.freeze({
  adviceCode: "",
  merchantAdviceCode: "",
  networkResponseCode: "",
  cardNetwork: "",
  attemptId: "",
});

const KEYS: ReadonlyArray<[keyof DeclineSignals, string]> = [
  ["adviceCode", "advice"],
  ["merchantAdviceCode", "mac"],
  ["networkResponseCode", "raw"],
  ["cardNetwork", "network"],
  ["attemptId", "attempt"],
];

/** Ids and codes as providers document them: letters, digits, `_ . : -`; at most 128 characters. */
const SAFE_VALUE = /^[A-Za-z0-9_.:-]{1,128}$/;

export function isSafeSignalValue(value: string): boolean {
  return SAFE_VALUE.test(value);
}

/** Unsafe or empty values are left out; all-empty signals encode to "". */
export function encodeDeclineSignals(signals: Partial<DeclineSignals>): string {
  return KEYS.flatMap(([field, key]) => {
    const value = signals[field]?.trim() ?? "";
    return value !== "" && SAFE_VALUE.test(value) ? [`${key}=${value}`] : [];
  }).join(";");
}

export class DeclineSignalsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeclineSignalsFormatError";
  }
}

/** Strict: the validator is the only writer, so anything else is a bug worth failing on. */
export function decodeDeclineSignals(encoded: string): DeclineSignals {
  const signals: DeclineSignals = { ...NO_DECLINE_SIGNALS };
  if (encoded === "") return signals;
  for (const pair of encoded.split(";")) {
    const separator = pair.indexOf("=");
    const key = separator > 0 ? pair.slice(0, separator) : "";
    const value = pair.slice(separator + 1);
    const field = KEYS.find(([, name]) => name === key)?.[0];
    if (field === undefined || !SAFE_VALUE.test(value)) {
      throw new DeclineSignalsFormatError(`Malformed decline signal ${JSON.stringify(pair)}; expected key=value with key one of ${KEYS.map(([, k]) => k).join(", ")}.`);
    }
    signals[field] = value;
  }
  return signals;
}

/**
 * Card network names as providers spell them (Stripe `visa`/`mastercard`, Adyen `mc`/`visa` and
 * variants such as `mccredit`, Checkout.com `VISA`/`Mastercard`, Square `VISA`/`MASTERCARD`) →
 * one lower-case vocabulary.
 */
export function normaliseCardNetwork(raw: string | null | undefined): string {
  const name = (raw ?? "").trim().toLowerCase().replace(/[\s_-]+/g, "");
  if (name === "") return "";
  if (name === "visa" || name.startsWith("visa")) return "visa";
  if (name === "mc" || name.startsWith("mastercard") || /^mc[a-z]*$/.test(name) || name === "maestro") return "mastercard";
  if (name === "amex" || name.startsWith("americanexpress")) return "amex";
  if (name.startsWith("discover")) return "discover";
  return SAFE_VALUE.test(name) ? name : "";
}

/** The two-digit code at the start of a provider's "03 : Do not try again"-style text, or "". */
export function leadingCode(text: string | null | undefined): string {
  const match = /^\s*([A-Za-z0-9]{1,3})\s*(?::|$|\s-\s)/.exec(text ?? "");
  return match ? match[1] : "";
}
