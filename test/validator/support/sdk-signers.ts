/**
 * The providers' own SDKs as signers and verifiers: stripe-node (`webhooks.generateTestHeaderString`
 * / `webhooks.signature.verifyHeader`), standardwebhooks (`Webhook.sign` / `verify`), Square's
 * `WebhooksHelper.verifySignature`, Adyen's `HmacValidator`. Checkout.com publishes no SDK helper
 * (checkout-sdk-node has none), so its documented scheme — hex HMAC-SHA256 of the raw body with
 * the webhook signature key — is computed with node:crypto. Square's SDK only verifies; deliveries
 * are signed with its documented scheme (base64 HMAC-SHA256 of notification URL + body) and every
 * one is checked by the SDK before use.
 *
 * svix is not used here: it ships only an ES module, which jest's CommonJS runtime cannot load,
 * and its verifier is the standardwebhooks package (a dependency of svix) under `svix-*` header
 * names — the svix names are covered by feeding standardwebhooks the same values.
 */
import { createHmac } from "node:crypto";
// The SDKs' own modules for webhook signatures, not their package entry points: Adyen's entry
// and Square's load their whole API clients (~2,300 and ~3,900 type declaration files, 1.0 s and
// 1.5 s of loading in node), which every test file and every type-check would pay for a function
// each. Adyen's package has no exports map, so its validator module is imported directly.
// Square's exports map admits only the entry point at runtime, so Square's SDK is required, whole,
// the first time a Square delivery is verified, and typed from its helper's own declaration.
import AdyenHmacValidator from "@adyen/api-library/lib/src/utils/hmacValidator";
import type { WebhooksHelper as SquareWebhooksHelper } from "square/wrapper/WebhooksHelper";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Stripe from "stripe";
import type { ProviderId } from "../../../contract/event-table";
import { TEST_GENERIC_SETTINGS, TEST_NOTIFICATION_URL, TEST_SECRETS } from "./test-secrets";

const stripeClient = new Stripe("sk_test_sdk_oracle_only");
const adyenValidator = new AdyenHmacValidator();
let squareWebhooksHelper: typeof SquareWebhooksHelper | undefined;
function squareSdk(): typeof SquareWebhooksHelper {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  squareWebhooksHelper ??= (require("square") as { WebhooksHelper: typeof SquareWebhooksHelper }).WebhooksHelper;
  return squareWebhooksHelper;
}

export interface SdkDelivery {
  headers: Record<string, string>;
  body: string;
}

export const sdkSign = {
  stripe(body: string, timestampSeconds: number, secret: string = TEST_SECRETS.stripe[0]): SdkDelivery {
    return { body, headers: { "Stripe-Signature": stripeClient.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: timestampSeconds }) } };
  },
  standardWebhooks(body: string, messageId: string, timestampSeconds: number, secret: string = TEST_SECRETS["standard-webhooks"][0]): SdkDelivery {
    const signature = new StandardWebhook(secret).sign(messageId, new Date(timestampSeconds * 1000), body);
    return { body, headers: { "webhook-id": messageId, "webhook-timestamp": String(timestampSeconds), "webhook-signature": signature } };
  },
  /** Every NotificationRequestItem signed with HmacValidator.calculateHmac. */
  adyen(notification: { notificationItems: Array<{ NotificationRequestItem: Record<string, unknown> }> }, key: string = TEST_SECRETS.adyen[0]): SdkDelivery {
    for (const { NotificationRequestItem: item } of notification.notificationItems) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const signature = adyenValidator.calculateHmac(item as any, key);
      item.additionalData = { ...((item.additionalData as object | undefined) ?? {}), hmacSignature: signature };
    }
    return { body: JSON.stringify(notification), headers: { "Content-Type": "application/json" } };
  },
  square(body: string, key: string = TEST_SECRETS.square[0], url: string = TEST_NOTIFICATION_URL): SdkDelivery {
    const signature = createHmac("sha256", key).update(url + body).digest("base64");
    return { body, headers: { "x-square-hmacsha256-signature": signature } };
  },
  checkout(body: string, key: string = TEST_SECRETS.checkout[0]): SdkDelivery {
    return { body, headers: { "Cko-Signature": createHmac("sha256", key).update(body).digest("hex") } };
  },
  generic(body: string, secret: string = TEST_SECRETS.generic[0]): SdkDelivery {
    const { signatureHeader, prefix, encoding } = TEST_GENERIC_SETTINGS;
    return { body, headers: { [signatureHeader]: prefix + createHmac("sha256", secret).update(body).digest(encoding) } };
  },
};

/** Header lookup by lower-cased name, as HTTP and the SDKs' callers do it. */
function header(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/**
 * The SDK's verdict on the exact bytes: true when it accepts the delivery with the first test
 * secret. `nowSeconds` is the receiving clock, for the schemes that sign a time.
 */
/** Signs `body` for `provider` with that provider's own SDK (Standard Webhooks as message `messageId`). */
export function sdkSignFor(provider: ProviderId, body: string, options: { atSeconds: number; messageId: string }): SdkDelivery {
  switch (provider) {
    case "stripe":
      return sdkSign.stripe(body, options.atSeconds);
    case "standard-webhooks":
      return sdkSign.standardWebhooks(body, options.messageId, options.atSeconds);
    case "adyen":
      return sdkSign.adyen(JSON.parse(body) as never);
    case "square":
      return sdkSign.square(body);
    case "checkout":
      return sdkSign.checkout(body);
    case "generic":
      return sdkSign.generic(body);
  }
}

export async function sdkVerifies(provider: ProviderId, delivery: SdkDelivery, nowSeconds: number): Promise<boolean> {
  const { body, headers } = delivery;
  try {
    switch (provider) {
      case "stripe": {
        const value = header(headers, "stripe-signature");
        if (value === undefined) return false;
        return stripeClient.webhooks.signature!.verifyHeader(body, value, TEST_SECRETS.stripe[0], 300, undefined, nowSeconds * 1000);
      }
      case "standard-webhooks": {
        const named = (name: string) => header(headers, `webhook-${name}`) ?? header(headers, `svix-${name}`);
        const [id, timestamp, signature] = [named("id"), named("timestamp"), named("signature")];
        if (id === undefined || timestamp === undefined || signature === undefined) return false;
        const realNow = Date.now;
        Date.now = () => nowSeconds * 1000;
        try {
          new StandardWebhook(TEST_SECRETS["standard-webhooks"][0]).verify(body, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature }, { jsonParse: false });
        } finally {
          Date.now = realNow;
        }
        return true;
      }
      case "adyen": {
        const notification = JSON.parse(body) as { notificationItems?: Array<{ NotificationRequestItem?: Record<string, unknown> }> };
        const items = notification.notificationItems ?? [];
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return items.length > 0 && items.every(({ NotificationRequestItem: item }) => item !== undefined && adyenValidator.validateHMAC(item as any, TEST_SECRETS.adyen[0]));
      }
      case "square": {
        const value = header(headers, "x-square-hmacsha256-signature");
        if (value === undefined) return false;
        return await squareSdk().verifySignature({ requestBody: body, signatureHeader: value, signatureKey: TEST_SECRETS.square[0], notificationUrl: TEST_NOTIFICATION_URL });
      }
      case "checkout": {
        const value = header(headers, "cko-signature");
        return value !== undefined && value === sdkSign.checkout(body).headers["Cko-Signature"];
      }
      case "generic": {
        const value = header(headers, TEST_GENERIC_SETTINGS.signatureHeader);
        return value !== undefined && value === sdkSign.generic(body).headers[TEST_GENERIC_SETTINGS.signatureHeader];
      }
    }
  } catch {
    return false;
  }
}
