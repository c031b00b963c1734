/**
 * The providers' SDKs as the oracle. For generated mutations of SDK-signed deliveries, the
 * project's authentication verdict must equal the SDK's verify on the same bytes; the only
 * exceptions are listed, with their reason, in support/sdk-differences.ts.
 */
import fc from "fast-check";
import type { ProviderId } from "../../contract/event-table";
import { parseProviderSettings } from "../../contract/provider-settings";
import { headersFrom } from "../../lambda/webhook-validator/core/webhook-request";
import { AuthenticationError, MalformedRequestError } from "../../lambda/webhook-validator/errors";
import { providerAdapter } from "../../lambda/webhook-validator/providers/registry";
import { sampleBody } from "./support/signed-deliveries";
import { sdkSignFor, sdkVerifies, type SdkDelivery } from "./support/sdk-signers";
import { justified, JUSTIFIED_DIFFERENCES } from "./support/sdk-differences";
import { TEST_PROVIDER_SETTINGS_JSON, TEST_SECRETS } from "./support/test-secrets";

const NOW = 1_732_000_100;
const settings = parseProviderSettings(TEST_PROVIDER_SETTINGS_JSON, "WEBHOOK_PROVIDER_SETTINGS");
const silent = { warn: () => undefined };

/** The project's verdict: authenticate() returns (accepts) or throws a 401/400 (rejects). */
function projectAccepts(provider: ProviderId, delivery: SdkDelivery): boolean {
  const rawBody = Buffer.from(delivery.body, "utf8");
  let parsed: { value: unknown } | undefined;
  const json = () => (parsed ??= { value: JSON.parse(delivery.body) as unknown }).value;
  try {
    providerAdapter(provider).authenticate(
      { rawBody, headers: headersFrom(delivery.headers), reportedUrl: undefined, json: () => { try { return json(); } catch (cause) { throw new MalformedRequestError("invalid_json", "bad json", { cause }); } } },
      { secrets: [TEST_SECRETS[provider][0]], settings, now: new Date(NOW * 1000), log: silent },
    );
    return true;
  } catch (error) {
    if (error instanceof AuthenticationError || error instanceof MalformedRequestError) return false;
    throw error;
  }
}

function signed(provider: ProviderId, body: string, atSeconds = NOW): SdkDelivery {
  return sdkSignFor(provider, body, { atSeconds, messageId: "msg_diff_1" });
}

type Mutation = { name: string; apply: (provider: ProviderId, delivery: SdkDelivery, pick: number) => SdkDelivery };

const signatureHeaderOf = (delivery: SdkDelivery) => Object.keys(delivery.headers).find((name) => name !== "Content-Type" && name !== "webhook-id" && name !== "webhook-timestamp");

const MUTATIONS: Mutation[] = [
  { name: "unchanged", apply: (_p, d) => d },
  {
    name: "body-byte-changed",
    apply: (_p, d, pick) => {
      const index = pick % Math.max(d.body.length, 1);
      const replacement = d.body[index] === "1" ? "2" : "1";
      return { ...d, body: d.body.slice(0, index) + replacement + d.body.slice(index + 1) };
    },
  },
  { name: "body-whitespace-appended", apply: (_p, d) => ({ ...d, body: `${d.body}\n` }) },
  { name: "body-truncated", apply: (_p, d, pick) => ({ ...d, body: d.body.slice(0, pick % Math.max(d.body.length, 1)) }) },
  {
    name: "signature-char-changed",
    apply: (p, d, pick) => {
      if (p === "adyen") {
        const n = JSON.parse(d.body) as { notificationItems: Array<{ NotificationRequestItem: { additionalData: { hmacSignature: string } } }> };
        const data = n.notificationItems[0]!.NotificationRequestItem.additionalData;
        const index = pick % data.hmacSignature.length;
        data.hmacSignature = data.hmacSignature.slice(0, index) + (data.hmacSignature[index] === "A" ? "B" : "A") + data.hmacSignature.slice(index + 1);
        return { ...d, body: JSON.stringify(n) };
      }
      const name = signatureHeaderOf(d)!;
      const value = d.headers[name]!;
      const index = value.length - 1 - (pick % 8);
      return { ...d, headers: { ...d.headers, [name]: value.slice(0, index) + (value[index] === "a" ? "b" : "a") + value.slice(index + 1) } };
    },
  },
  {
    name: "signature-removed",
    apply: (p, d) => {
      if (p === "adyen") {
        const n = JSON.parse(d.body) as { notificationItems: Array<{ NotificationRequestItem: { additionalData: Record<string, unknown> } }> };
        delete n.notificationItems[0]!.NotificationRequestItem.additionalData.hmacSignature;
        return { ...d, body: JSON.stringify(n) };
      }
      const { [signatureHeaderOf(d)!]: _removed, ...headers } = d.headers;
      return { ...d, headers };
    },
  },
  { name: "unrelated-header-added", apply: (_p, d, pick) => ({ ...d, headers: { ...d.headers, [`x-forwarded-${pick % 5}`]: `value-${pick}` } }) },
  { name: "signed-long-ago", apply: (p, d) => (p === "stripe" || p === "standard-webhooks" ? signed(p, d.body, NOW - 3_600) : d) },
  { name: "signed-in-the-future", apply: (p, d) => (p === "stripe" || p === "standard-webhooks" ? signed(p, d.body, NOW + 3_600) : d) },
  {
    name: "timestamp-with-trailing-junk",
    apply: (p, d) => {
      if (p === "stripe") return { ...d, headers: { ...d.headers, "Stripe-Signature": d.headers["Stripe-Signature"]!.replace(/^t=(\d+)/, "t=$1x") } };
      if (p === "standard-webhooks") return { ...d, headers: { ...d.headers, "webhook-timestamp": `${d.headers["webhook-timestamp"]}x` } };
      return d;
    },
  },
  {
    name: "adyen-unsigned-field-changed",
    apply: (p, d, pick) => {
      if (p !== "adyen") return d;
      const n = JSON.parse(d.body) as { notificationItems: Array<{ NotificationRequestItem: Record<string, unknown> }> };
      n.notificationItems[0]!.NotificationRequestItem.eventDate = new Date((1_700_000_000 + pick) * 1000).toISOString();
      n.notificationItems[0]!.NotificationRequestItem.reason = `reason ${pick}`;
      return { ...d, body: JSON.stringify(n) };
    },
  },
  {
    name: "adyen-signed-field-changed",
    apply: (p, d, pick) => {
      if (p !== "adyen") return d;
      const n = JSON.parse(d.body) as { notificationItems: Array<{ NotificationRequestItem: Record<string, unknown> }> };
      const item = n.notificationItems[0]!.NotificationRequestItem;
      const field = (["pspReference", "merchantReference", "eventCode", "success", "merchantAccountCode"] as const)[pick % 5]!;
      item[field] = field === "success" ? (item.success === "true" ? "false" : "true") : `${String(item[field])}X`;
      return { ...d, body: JSON.stringify(n) };
    },
  },
];

const PROVIDERS_UNDER_TEST: ProviderId[] = ["stripe", "standard-webhooks", "adyen", "square", "checkout", "generic"];

describe("project verdict = SDK verify on the same bytes", () => {
  it.each(PROVIDERS_UNDER_TEST)("%s", async (provider) => {
    const base = signed(provider, sampleBody(provider, provider === "adyen" ? "8816178952380553" : "evt_diff_1"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MUTATIONS), fc.nat(10_000), async (mutation, pick) => {
        const delivery = mutation.apply(provider, structuredClone(base), pick);
        const sdk = await sdkVerifies(provider, delivery, NOW);
        const project = projectAccepts(provider, delivery);
        if (sdk === project) return;
        const difference = justified(provider, mutation.name);
        expect({ mutation: mutation.name, project: project ? "accepts" : "rejects", sdk }).toEqual({ mutation: mutation.name, project: difference?.project ?? "(no justified difference)", sdk: !project });
      }),
      { numRuns: 150 },
    );
    // Every difference listed for this provider must still be real: the list never goes stale.
    for (const difference of JUSTIFIED_DIFFERENCES.filter((listed) => listed.provider === provider)) {
      const delivery = MUTATIONS.find((m) => m.name === difference.mutation)!.apply(provider, structuredClone(base), 1);
      expect({ mutation: difference.mutation, sdk: await sdkVerifies(provider, delivery, NOW), project: projectAccepts(provider, delivery) }).toEqual({
        mutation: difference.mutation,
        sdk: difference.project === "rejects",
        project: difference.project === "accepts",
      });
    }
  });

  it("an unmutated SDK-signed delivery is accepted by both, for every provider (the oracle is live)", async () => {
    for (const provider of PROVIDERS_UNDER_TEST) {
      const delivery = signed(provider, sampleBody(provider, "evt_live_1"));
      expect([provider, await sdkVerifies(provider, delivery, NOW), projectAccepts(provider, delivery)]).toEqual([provider, true, true]);
    }
  });
});
