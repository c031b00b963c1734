/**
 * Decline reason tables per provider, one row per documented code, each with its class and the
 * public page it comes from. No family fallbacks: a code that is not listed is unrecognised,
 * which classify-decline.ts treats as HARD and reports in a metric so operators can add it.
 *
 * - SOFT: the issuer may approve the same charge later. `retryClass` picks the schedule
 *   (charge-retry-schedules in contract/): funds, issuer availability, limits, or generic.
 * - HARD: an automatic retry of the same charge will not succeed: the customer must act first
 *   (new card, new details, authentication) or the request itself is wrong.
 * - NEVER (`neverRetry`): the card networks forbid any reattempt: pick-up, lost, stolen, fraud,
 *   closed or invalid account, revoked authorisations (Visa category 1). It also blocks retries
 *   of every later decline of the same payment (charge-retry.ts).
 */
import type { ChargeRetryClass } from "../../../contract/charge-retry-schedules";
import type { DeclineCategory } from "../../../contract/processor-decision";

export interface DeclineReason {
  category: DeclineCategory;
  description: string;
  /** SOFT only: which retry schedule applies. */
  retryClass?: ChargeRetryClass;
  /** The networks forbid any reattempt after this reason. */
  neverRetry?: boolean;
  /** Public page that documents the code (and, for NEVER, the networks' rule). */
  source: string;
}
export type DeclineTable = Readonly<Record<string, DeclineReason>>;

export const SOURCES = {
  stripeDeclineCodes: "https://docs.stripe.com/declines/codes",
  stripeChargeOutcome: "https://docs.stripe.com/api/charges/object#charge_object-outcome-reason",
  adyenRefusalReasons: "https://docs.adyen.com/development-resources/refusal-reasons",
  squareErrorCodes: "https://developer.squareup.com/reference/square/enums/ErrorCode",
  checkoutResponseCodes: "https://www.checkout.com/docs/developer-resources/codes/api-response-codes",
  checkoutVisaCategories: "https://www.checkout.com/docs/developer-resources/codes/visa-response-codes",
  checkoutCommonCodes: "https://support.checkout.com/hc/en-us/articles/24416729620626-Common-response-codes-to-test",
  visaCategories: "https://developer.worldpay.com/products/access/reference/response-codes/scheme-codes/",
} as const;

const soft = (retryClass: ChargeRetryClass, description: string, source: string): DeclineReason => ({ category: "SOFT", retryClass, description, source });
const hard = (description: string, source: string): DeclineReason => ({ category: "HARD", description, source });
const never = (description: string, source: string): DeclineReason => ({ category: "HARD", neverRetry: true, description, source });

const S = SOURCES.stripeDeclineCodes;
/** Stripe `decline_code` / `outcome.reason` values (lower snake case). */
export const STRIPE_DECLINE_CODES: DeclineTable = {
  insufficient_funds: soft("insufficient_funds", "Insufficient funds", S),
  card_velocity_exceeded: soft("limit_exceeded", "Balance or credit limit exceeded", S),
  withdrawal_count_limit_exceeded: soft("limit_exceeded", "Withdrawal count or credit limit exceeded", S),
  issuer_not_available: soft("issuer_unavailable", "Issuer could not be reached", S),
  processing_error: soft("issuer_unavailable", "Processing error", S),
  reenter_transaction: soft("issuer_unavailable", "Issuer could not process the payment", S),
  try_again_later: soft("issuer_unavailable", "Issuer asked to try again later", S),
  generic_decline: soft("generic", "Generic decline", S),
  do_not_honor: soft("generic", "Issuer declined (do not honor)", S),
  call_issuer: soft("generic", "Declined for an unknown reason; the cardholder should call the issuer", S),
  no_action_taken: soft("generic", "Declined for an unknown reason", S),
  approve_with_id: soft("generic", "Payment could not be authorised", S),
  not_permitted: hard("Payment not permitted", S),
  transaction_not_allowed: hard("Transaction not allowed", S),
  service_not_allowed: hard("Card does not allow this service", S),
  authentication_required: hard("Authentication required: the customer must authenticate", S),
  card_not_supported: hard("Card does not support this purchase", S),
  currency_not_supported: hard("Card does not support this currency", S),
  duplicate_transaction: hard("Duplicate transaction", S),
  expired_card: hard("Card expired", S),
  incorrect_cvc: hard("Incorrect CVC", S),
  invalid_cvc: hard("Invalid CVC", S),
  incorrect_zip: hard("Incorrect postal code", S),
  incorrect_pin: hard("Incorrect PIN", S),
  invalid_pin: hard("Invalid PIN", S),
  pin_try_exceeded: hard("PIN tries exceeded", S),
  offline_pin_required: hard("Card requires a PIN (offline)", S),
  online_or_offline_pin_required: hard("Card requires a PIN", S),
  invalid_amount: hard("Invalid amount", S),
  invalid_expiry_month: hard("Invalid expiry month", S),
  invalid_expiry_year: hard("Invalid expiry year", S),
  restricted_card: hard("Card restricted", S),
  security_violation: hard("Security violation", S),
  merchant_blacklist: hard("Blocked by the merchant's block list", S),
  new_account_information_available: hard("Account information changed: get the new card details", S),
  testmode_decline: hard("Stripe test-mode card used in live mode", S),
  highest_risk_level: hard("Blocked by Radar (highest risk)", SOURCES.stripeChargeOutcome),
  incorrect_number: never("Incorrect card number (Visa category 1: invalid card number)", S),
  invalid_number: never("Invalid card number (Visa category 1: invalid card number)", S),
  invalid_account: never("Card or account invalid (Visa category 1: closed or invalid account)", S),
  fraudulent: never("Suspected fraud", S),
  lost_card: never("Card reported lost", S),
  stolen_card: never("Card reported stolen", S),
  pickup_card: never("Card must be picked up", S),
  revocation_of_authorization: never("Customer revoked the authorisation (Visa R0/R1)", S),
  revocation_of_all_authorizations: never("Customer revoked all authorisations (Visa R3)", S),
  stop_payment_order: never("Stop-payment order", S),
  do_not_try_again: never("Issuer said do not try again", S),
};

const A = SOURCES.adyenRefusalReasons;
/** Adyen refusal reasons by their text (the notification's `reason`), lower case, single spaces. */
export const ADYEN_REFUSAL_REASONS: DeclineTable = {
  refused: soft("generic", "Refused (generic)", A),
  referral: soft("generic", "Referral: the issuer wants contact", A),
  "acquirer error": soft("issuer_unavailable", "Acquirer error", A),
  "issuer unavailable": soft("issuer_unavailable", "Issuer unavailable", A),
  "not submitted": soft("issuer_unavailable", "Not submitted correctly for processing", A),
  "pin validation not possible": soft("issuer_unavailable", "PIN validation not possible", A),
  "3ds authentication error": soft("issuer_unavailable", "3-D Secure authentication error at the network or issuer", A),
  "not enough balance": soft("insufficient_funds", "Insufficient funds", A),
  "withdrawal amount exceeded": soft("limit_exceeded", "Withdrawal amount limit exceeded", A),
  "withdrawal count exceeded": soft("limit_exceeded", "Withdrawal count limit exceeded", A),
  "blocked card": hard("Card blocked", A),
  "expired card": hard("Card expired", A),
  "invalid amount": hard("Invalid amount", A),
  "not supported": hard("Not supported by the shopper's bank", A),
  "3d not authenticated": hard("3-D Secure not authenticated", A),
  cancelled: hard("Cancelled", A),
  "shopper cancelled": hard("Shopper cancelled", A),
  "invalid pin": hard("Invalid PIN", A),
  "pin tries exceeded": hard("PIN tries exceeded", A),
  "transaction not permitted": hard("Transaction not permitted", A),
  "cvc declined": hard("CVC declined", A),
  "restricted card": hard("Card restricted", A),
  "declined non generic": hard("Declined (non-generic): retrying will not succeed", A),
  "avs declined": hard("Address verification declined", A),
  "card requires online pin": hard("Card requires online PIN", A),
  "no checking account available on card": hard("No checking account available on the card", A),
  "no savings account available on card": hard("No savings account available on the card", A),
  "mobile pin required": hard("Mobile PIN required", A),
  "contactless fallback": hard("Contactless fallback: the shopper must use another entry mode", A),
  "authentication required": hard("Authentication required", A),
  "rreq not received from ds": hard("3-D Secure result not received from the directory server", A),
  "current aid is in penalty box": hard("Card application temporarily blocked on the terminal", A),
  "cvm required restart payment": hard("Cardholder verification required: restart the payment", A),
  "online pin required": hard("Online PIN required", A),
  "try another interface": hard("Try another interface (chip or swipe)", A),
  "chip downgrade mode": hard("Chip downgrade mode", A),
  "invalid card number": never("Invalid card number (Visa category 1)", A),
  "acquirer fraud": never("Acquirer suspects fraud", A),
  fraud: never("Fraud", A),
  "fraud-cancelled": never("Cancelled as fraud", A),
  "issuer suspected fraud": never("Issuer suspects fraud", A),
  "revocation of auth": never("Authorisation revoked by the shopper (Visa R0/R1/R3)", A),
  "transaction blocked by adyen to prevent excessive retry fees": never("Blocked by Adyen: the networks' retry limit for this card is reached", A),
};

/** Adyen's numeric refusalReasonCode -> the reason text above (API responses and test triggers). */
export const ADYEN_REFUSAL_CODES: Readonly<Record<string, string>> = {
  "2": "refused", "3": "referral", "4": "acquirer error", "5": "blocked card", "6": "expired card",
  "7": "invalid amount", "8": "invalid card number", "9": "issuer unavailable", "10": "not supported",
  "11": "3d not authenticated", "12": "not enough balance", "14": "acquirer fraud", "15": "cancelled",
  "16": "shopper cancelled", "17": "invalid pin", "18": "pin tries exceeded", "19": "pin validation not possible",
  "20": "fraud", "21": "not submitted", "22": "fraud-cancelled", "23": "transaction not permitted",
  "24": "cvc declined", "25": "restricted card", "26": "revocation of auth", "27": "declined non generic",
  "28": "withdrawal amount exceeded", "29": "withdrawal count exceeded", "31": "issuer suspected fraud",
  "32": "avs declined", "33": "card requires online pin", "34": "no checking account available on card",
  "35": "no savings account available on card", "36": "mobile pin required", "37": "contactless fallback",
  "38": "authentication required", "39": "rreq not received from ds", "40": "current aid is in penalty box",
  "41": "cvm required restart payment", "42": "3ds authentication error", "43": "online pin required",
  "44": "try another interface", "45": "chip downgrade mode", "46": "transaction blocked by adyen to prevent excessive retry fees",
};

const Q = SOURCES.squareErrorCodes;
/** Square `card_details.errors[].code` values (upper snake case). */
export const SQUARE_ERROR_CODES: DeclineTable = {
  INSUFFICIENT_FUNDS: soft("insufficient_funds", "Insufficient funds", Q),
  TRANSACTION_LIMIT: soft("limit_exceeded", "Card's transaction limit exceeded", Q),
  TEMPORARY_ERROR: soft("issuer_unavailable", "Temporary error", Q),
  GENERIC_DECLINE: soft("generic", "Generic decline", Q),
  CARD_DECLINED: soft("generic", "Card declined", Q),
  CARD_DECLINED_CALL_ISSUER: soft("generic", "Declined; the cardholder should call the issuer", Q),
  CARD_EXPIRED: hard("Card expired", Q),
  INVALID_EXPIRATION: hard("Invalid expiration date", Q),
  BAD_EXPIRATION: hard("Bad expiration date", Q),
  EXPIRATION_FAILURE: hard("Expiration check failed", Q),
  CVV_FAILURE: hard("CVV check failed", Q),
  ADDRESS_VERIFICATION_FAILURE: hard("Address verification failed", Q),
  INVALID_POSTAL_CODE: hard("Invalid postal code", Q),
  INVALID_ACCOUNT: hard("Invalid account", Q),
  INVALID_CARD: hard("Invalid card", Q),
  INVALID_CARD_DATA: hard("Invalid card data", Q),
  PAN_FAILURE: hard("Card number check failed", Q),
  CARD_NOT_SUPPORTED: hard("Card not supported", Q),
  CARDHOLDER_INSUFFICIENT_PERMISSIONS: hard("Card does not allow this purchase", Q),
  INVALID_PIN: hard("Invalid PIN", Q),
  ALLOWABLE_PIN_TRIES_EXCEEDED: hard("PIN tries exceeded", Q),
  CHIP_INSERTION_REQUIRED: hard("Chip insertion required", Q),
  CARD_DECLINED_VERIFICATION_REQUIRED: hard("Verification required: the customer must act", Q),
  VOICE_FAILURE: hard("Voice authorisation failed", Q),
  BLOCKED_BY_BLOCKLIST: hard("Blocked by the seller's block list", Q),
  MANUALLY_ENTERED_PAYMENT_NOT_SUPPORTED: hard("Manually entered payment not supported", Q),
  PAYMENT_LIMIT_EXCEEDED: hard("Seller's payment limit exceeded", Q),
  ACCOUNT_UNUSABLE: hard("Account unusable", Q),
};

const C = SOURCES.checkoutResponseCodes;
const CV = SOURCES.checkoutVisaCategories;
const CC = SOURCES.checkoutCommonCodes;
/**
 * Checkout.com `response_code` values. 20xxx are "soft" in Checkout.com's own grouping, but
 * several of them are Visa category 1 (never reattempt) or carry Mastercard's lifecycle /
 * policy / security declines, so each is classified on its own.
 */
export const CHECKOUT_RESPONSE_CODES: DeclineTable = {
  "20001": soft("generic", "Refer to card issuer", C),
  "20002": soft("generic", "Refer to card issuer - special conditions", C),
  "20005": soft("generic", "Declined - Do not honour", C),
  "20021": soft("generic", "No action taken", C),
  "20046": soft("generic", "Bank decline", C),
  "20009": soft("issuer_unavailable", "Request in progress", C),
  "20019": soft("issuer_unavailable", "Re-enter transaction (Visa category 2)", CV),
  "20020": soft("issuer_unavailable", "Invalid response", C),
  "20022": soft("issuer_unavailable", "Suspected malfunction", C),
  "20068": soft("issuer_unavailable", "Response received too late / timeout", C),
  "20091": soft("issuer_unavailable", "Issuer unavailable or switch inoperative (Visa category 2)", CV),
  "20096": soft("issuer_unavailable", "System malfunction (Visa category 2)", CV),
  "20153": soft("issuer_unavailable", "3-D Secure system malfunction", C),
  "20051": soft("insufficient_funds", "Insufficient funds (Visa category 2)", CV),
  "20061": soft("limit_exceeded", "Exceeds withdrawal amount limit (Visa category 2)", CV),
  "20065": soft("limit_exceeded", "Exceeds withdrawal frequency limit (Visa category 2)", CV),
  "20003": hard("Invalid merchant or service provider: fix the merchant setup first", CV),
  "20006": hard("Error / invalid request parameters", C),
  "20013": hard("Invalid value / amount", C),
  "20017": hard("Customer cancellation", C),
  "20023": hard("Unacceptable transaction fee", C),
  "20030": hard("Format error", C),
  "20031": hard("Bank not supported by switch", C),
  "20038": hard("Allowable PIN tries exceeded", C),
  "20054": hard("Expired card", CC),
  "20055": hard("Incorrect PIN", C),
  "20058": hard("Transaction not permitted to terminal", C),
  "20062": hard("Restricted card", CC),
  "20063": hard("Security violation", C),
  "20075": hard("Allowable number of PIN tries exceeded", CV),
  "20078": hard("Blocked, first used: the card must be activated", CC),
  "20082": hard("Negative CAM, dCVV, iCVV or CVV results", C),
  "20087": hard("Bad track data (invalid CVV and/or expiry date)", C),
  "20093": hard("Transaction cannot be completed (violation of law)", CV),
  "20099": hard("Other / unidentified response: not retried automatically", C),
  "20150": hard("Card not 3-D Secure enabled", C),
  "20151": hard("Cardholder failed 3-D Secure authentication", C),
  "20152": hard("Initial 3-D Secure transaction not completed within 15 minutes", C),
  "20154": hard("3-D Secure authentication required", C),
  "20179": hard("Lifecycle decline (Mastercard): the card or account changed; may come with MAC 03", CC),
  "20182": hard("Policy decline (Mastercard): may come with MAC 03", CC),
  "200N7": hard("Declined for CVV2 failure", C),
  "20012": never("Invalid transaction (Visa category 1)", CV),
  "20014": never("Invalid card number (Visa category 1)", CV),
  "20057": never("Transaction not permitted to cardholder (Visa category 1)", CV),
  "20059": never("Suspected fraud", CC),
  "20067": never("Hard capture: pick up card", C),
  "20183": never("Security decline (Mastercard): fraud or security", CC),
  "200R1": never("Issuer stop payment (revocation order) for the authorisation (Visa category 1)", CV),
  "200R3": never("Issuer stop payment (revocation order) for all authorisations (Visa category 1)", CV),
  "30004": never("Pick up card (no fraud) (Visa category 1)", CV),
  "30007": never("Pick up card, special conditions (Visa category 1)", CV),
  "30015": never("No such issuer (Visa category 1)", CV),
  "30041": never("Lost card - pick up (Visa category 1)", CV),
  "30043": never("Stolen card - pick up (Visa category 1)", CV),
  "30046": never("Closed account (Visa category 1)", CV),
  "30033": hard("Expired card - pick up", C),
  "30034": never("Suspected fraud - pick up", C),
  "30036": hard("Restricted card - pick up", C),
  "30038": hard("Allowable PIN tries exceeded - pick up", C),
  "40101": hard("Risk: blocked by Checkout.com's risk rules", C),
};

/** Generic / Standard Webhooks senders: a neutral vocabulary (lower snake case); Stripe's codes also apply. */
const G = "docs/providers.md (generic vocabulary)";
export const GENERIC_DECLINE_CODES: DeclineTable = {
  insufficient_funds: soft("insufficient_funds", "Insufficient funds", G),
  issuer_unavailable: soft("issuer_unavailable", "Issuer unavailable", G),
  temporary_failure: soft("issuer_unavailable", "Temporary failure", G),
  limit_exceeded: soft("limit_exceeded", "Limit exceeded", G),
  declined: soft("generic", "Declined (generic)", G),
  card_expired: hard("Card expired", G),
  invalid_card: hard("Invalid card", G),
  account_closed: never("Account closed", G),
  fraud: never("Fraud", G),
};

/**
 * Raw network response codes (ISO 8583 field 39) after which no reattempt is allowed, read from
 * the providers' advice fields (Stripe `network_decline_code`, Adyen `refusalReasonRaw`,
 * Checkout.com `partner_response_code`). Pick-up, lost and stolen mean the same on every network.
 */
export const PICK_UP_LOST_STOLEN_CODES: Readonly<Record<string, DeclineReason>> = {
  "04": never("Pick up card (network response 04)", SOURCES.visaCategories),
  "07": never("Pick up card, special conditions (network response 07)", SOURCES.visaCategories),
  "41": never("Lost card (network response 41)", SOURCES.visaCategories),
  "43": never("Stolen card (network response 43)", SOURCES.visaCategories),
};

/** Visa category 1, "issuer will never approve": no reattempt is permitted (applies to Visa cards). */
export const VISA_CATEGORY_1_CODES: Readonly<Record<string, DeclineReason>> = {
  "12": never("Invalid transaction (Visa category 1)", SOURCES.visaCategories),
  "14": never("Invalid account number (Visa category 1)", SOURCES.visaCategories),
  "15": never("No such issuer (Visa category 1)", SOURCES.visaCategories),
  "46": never("Closed account (Visa category 1)", SOURCES.visaCategories),
  "57": never("Transaction not permitted to cardholder (Visa category 1)", SOURCES.visaCategories),
  R0: never("Stop payment order (Visa category 1)", CV),
  R1: never("Revocation of authorisation (Visa category 1)", CV),
  R3: never("Revocation of all authorisations (Visa category 1)", CV),
};
