/**
 * The transport-neutral request the core works on. The API Gateway adapter builds it; tests and
 * the local runtime can build it directly.
 */

/** Header names are lower-cased once, so lookups are case-insensitive like HTTP. */
export type Headers = ReadonlyMap<string, string>;

export interface WebhookRequest {
  method: string;
  /** `{provider}` path segment, or undefined for `POST /webhooks` (provider detected from headers). */
  providerSegment: string | undefined;
  headers: Headers;
  /** Body as received over the wire (undefined/null = empty). */
  body: string | null | undefined;
  /** API Gateway sets this when it base64-encoded a binary body. */
  isBase64Encoded: boolean;
  /** URL the request was addressed to, as API Gateway reports it (Square fallback, see docs). */
  reportedUrl: string | undefined;
}

export function headersFrom(record: Record<string, string | undefined> | null | undefined): Headers {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(record ?? {})) {
    if (typeof value === "string") headers.set(name.toLowerCase(), value);
  }
  return headers;
}
