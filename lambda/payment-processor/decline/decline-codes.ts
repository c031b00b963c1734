/**
 * Decline reason tables per provider: SOFT = the issuer may approve the same charge later
 * (funds, limits, temporary unavailability); HARD = an automatic retry of the same charge will not
 * succeed (card lost/stolen/closed, fraud, invalid data, or the customer must act first).
 * Sources: Stripe "Decline codes", Adyen "Refusal reasons", Square "Payments API error codes",
 * Checkout.com "API response codes" (20xxx soft, 30xxx hard, 4xxxx risk) — public docs.
 */
import type { DeclineCategory } from "../../../contract/processor-decision";

export interface DeclineReason {
  category: DeclineCategory;
  description: string;
}
type Table = Readonly<Record<string, DeclineReason>>;

const soft = (description: string): DeclineReason => ({ category: "SOFT", description });
const hard = (description: string): DeclineReason => ({ category: "HARD", description });

/** Stripe `decline_code` / `failure_code` values (lower snake case). */
export const STRIPE_DECLINE_CODES: Table = {
  insufficient_funds: soft("Insufficient funds"),
  generic_decline: soft("Generic decline"),
  do_not_honor: soft("Issuer declined (do not honor)"),
  try_again_later: soft("Issuer asked to try again later"),
  processing_error: soft("Processing error"),
  issuer_not_available: soft("Issuer not reachable"),
  reenter_transaction: soft("Issuer asked to re-enter the transaction"),
  approve_with_id: soft("Payment could not be authorised"),
  card_velocity_exceeded: soft("Card velocity limit exceeded"),
  withdrawal_count_limit_exceeded: soft("Withdrawal count limit exceeded"),
  call_issuer: soft("Issuer declined; the cardholder should call the issuer"),
  no_action_taken: soft("Issuer took no action"),
  not_permitted: hard("Payment not permitted"),
  authentication_required: hard("Authentication required: the customer must authenticate"),
  card_not_supported: hard("Card does not support this purchase"),
  currency_not_supported: hard("Card does not support this currency"),
  expired_card: hard("Card expired"),
  fraudulent: hard("Suspected fraud"),
  incorrect_cvc: hard("Incorrect CVC"),
  invalid_cvc: hard("Invalid CVC"),
  incorrect_number: hard("Incorrect card number"),
  invalid_number: hard("Invalid card number"),
  invalid_account: hard("Card or account invalid"),
  invalid_amount: hard("Invalid amount"),
  invalid_expiry_month: hard("Invalid expiry month"),
  invalid_expiry_year: hard("Invalid expiry year"),
  lost_card: hard("Card reported lost"),
  stolen_card: hard("Card reported stolen"),
  pickup_card: hard("Card must be picked up"),
  restricted_card: hard("Card restricted"),
  security_violation: hard("Security violation"),
  merchant_blacklist: hard("Blocked by the merchant's block list"),
  new_account_information_available: hard("Account information changed"),
  revocation_of_authorization: hard("Customer revoked the authorisation"),
  revocation_of_all_authorizations: hard("Customer revoked all authorisations"),
  stop_payment_order: hard("Stop-payment order"),
  transaction_not_allowed: hard("Transaction not allowed"),
  do_not_try_again: hard("Issuer said do not try again"),
  duplicate_transaction: hard("Duplicate transaction"),
  testmode_decline: hard("Stripe test-mode card"),
};

/** Adyen refusal reasons, by their text (as in the notification's `reason`), lower case. */
export const ADYEN_REFUSAL_REASONS: Table = {
  refused: soft("Refused (generic)"),
  referral: soft("Referral: the issuer wants contact"),
  "acquirer error": soft("Acquirer error"),
  "issuer unavailable": soft("Issuer unavailable"),
  "not enough balance": soft("Insufficient funds"),
  "not submitted": soft("Not submitted to the issuer"),
  "pin validation not possible": soft("PIN validation not possible"),
  "withdrawal amount exceeded": soft("Withdrawal amount limit exceeded"),
  "withdrawal count exceeded": soft("Withdrawal count limit exceeded"),
  "contactless fallback": soft("Contactless fallback required"),
  "3ds authentication error": soft("3-D Secure authentication error"),
  "blocked card": hard("Card blocked"),
  "expired card": hard("Card expired"),
  "invalid amount": hard("Invalid amount"),
  "invalid card number": hard("Invalid card number"),
  "not supported": hard("Not supported"),
  "3d not authenticated": hard("3-D Secure not authenticated"),
  "acquirer fraud": hard("Acquirer suspects fraud"),
  cancelled: hard("Cancelled"),
  "shopper cancelled": hard("Shopper cancelled"),
  "invalid pin": hard("Invalid PIN"),
  "pin tries exceeded": hard("PIN tries exceeded"),
  fraud: hard("Fraud"),
  "fraud-cancelled": hard("Cancelled as fraud"),
  "transaction not permitted": hard("Transaction not permitted"),
  "cvc declined": hard("CVC declined"),
  "restricted card": hard("Card restricted"),
  "revocation of auth": hard("Authorisation revoked"),
  "declined non generic": hard("Declined (non-generic)"),
  "issuer suspected fraud": hard("Issuer suspects fraud"),
  "avs declined": hard("Address verification declined"),
  "authentication required": hard("Authentication required"),
};

/** Adyen's numeric refusalReasonCode -> the reason text above. */
export const ADYEN_REFUSAL_CODES: Readonly<Record<string, string>> = {
  "2": "refused", "3": "referral", "4": "acquirer error", "5": "blocked card", "6": "expired card",
  "7": "invalid amount", "8": "invalid card number", "9": "issuer unavailable", "10": "not supported",
  "11": "3d not authenticated", "12": "not enough balance", "14": "acquirer fraud", "15": "cancelled",
  "16": "shopper cancelled", "17": "invalid pin", "18": "pin tries exceeded", "19": "pin validation not possible",
  "20": "fraud", "21": "not submitted", "22": "fraud-cancelled", "23": "transaction not permitted",
  "24": "cvc declined", "25": "restricted card", "26": "revocation of auth", "27": "declined non generic",
  "28": "withdrawal amount exceeded", "29": "withdrawal count exceeded", "31": "issuer suspected fraud",
  "32": "avs declined", "37": "contactless fallback", "38": "authentication required", "42": "3ds authentication error",
};

/** Square `card_details.errors[].code` values (upper snake case). */
export const SQUARE_ERROR_CODES: Table = {
  INSUFFICIENT_FUNDS: soft("Insufficient funds"),
  GENERIC_DECLINE: soft("Generic decline"),
  CARD_DECLINED_CALL_ISSUER: soft("Declined; the cardholder should call the issuer"),
  TRANSACTION_LIMIT: soft("Transaction limit exceeded"),
  TEMPORARY_ERROR: soft("Temporary error"),
  CARD_DECLINED: soft("Card declined"),
  CARD_EXPIRED: hard("Card expired"),
  INVALID_EXPIRATION: hard("Invalid expiration date"),
  BAD_EXPIRATION: hard("Bad expiration date"),
  EXPIRATION_FAILURE: hard("Expiration check failed"),
  CVV_FAILURE: hard("CVV check failed"),
  ADDRESS_VERIFICATION_FAILURE: hard("Address verification failed"),
  INVALID_POSTAL_CODE: hard("Invalid postal code"),
  INVALID_ACCOUNT: hard("Invalid account"),
  INVALID_CARD: hard("Invalid card"),
  INVALID_CARD_DATA: hard("Invalid card data"),
  PAN_FAILURE: hard("Card number check failed"),
  CARD_NOT_SUPPORTED: hard("Card not supported"),
  INVALID_PIN: hard("Invalid PIN"),
  ALLOWABLE_PIN_TRIES_EXCEEDED: hard("PIN tries exceeded"),
  CHIP_INSERTION_REQUIRED: hard("Chip insertion required"),
  CARD_DECLINED_VERIFICATION_REQUIRED: hard("Verification required: the customer must act"),
  VOICE_FAILURE: hard("Voice authorisation failed"),
  BLOCKED_BY_BLOCKLIST: hard("Blocked by the seller's block list"),
  MANUALLY_ENTERED_PAYMENT_NOT_SUPPORTED: hard("Manually entered payment not supported"),
  PAYMENT_LIMIT_EXCEEDED: hard("Seller's payment limit exceeded"),
  ACCOUNT_UNUSABLE: hard("Account unusable"),
};

/** Checkout.com response codes with a specific entry; others fall back by family (see decline.ts). */
export const CHECKOUT_RESPONSE_CODES: Table = {
  "20001": soft("Refer to card issuer"),
  "20005": soft("Declined - do not honour"),
  "20009": soft("Request in progress"),
  "20051": soft("Insufficient funds"),
  "20061": soft("Activity amount limit exceeded"),
  "20065": soft("Activity count limit exceeded"),
  "20068": soft("Response received too late"),
  "20091": soft("Issuer unavailable"),
  "20096": soft("System malfunction"),
  "20012": hard("Invalid transaction"),
  "20014": hard("Invalid card number"),
  "20046": hard("Closed account"),
  "20054": hard("Expired card"),
  "20057": hard("Transaction not permitted to cardholder"),
  "20059": hard("Suspected fraud"),
  "20062": hard("Restricted card"),
  "20087": hard("Bad track data / CVV"),
  "20150": hard("3-D Secure authentication failed"),
  "20154": hard("3-D Secure authentication required"),
};

/** Generic / Standard Webhooks senders: a neutral vocabulary (lower snake case); Stripe's codes also apply. */
export const GENERIC_DECLINE_CODES: Table = {
  insufficient_funds: soft("Insufficient funds"),
  issuer_unavailable: soft("Issuer unavailable"),
  temporary_failure: soft("Temporary failure"),
  limit_exceeded: soft("Limit exceeded"),
  declined: soft("Declined (generic)"),
  card_expired: hard("Card expired"),
  invalid_card: hard("Invalid card"),
  fraud: hard("Fraud"),
  account_closed: hard("Account closed"),
};
