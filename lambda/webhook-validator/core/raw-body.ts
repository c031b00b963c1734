import { MalformedRequestError } from "../errors";

/** Canonical, padded standard base64 — what API Gateway produces. Node's decoder would silently skip junk. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The exact bytes the provider signed. */
export function rawBodyBytes(body: string | null | undefined, isBase64Encoded: boolean): Buffer {
  const text = body ?? "";
  if (!isBase64Encoded) return Buffer.from(text, "utf8");
  if (!STRICT_BASE64.test(text)) {
    throw new MalformedRequestError("invalid_base64", "The request body is flagged base64-encoded but is not valid base64.");
  }
  return Buffer.from(text, "base64");
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Every supported provider sends JSON, which must be UTF-8 (RFC 8259); reject anything else rather than mangle it. */
export function bodyText(raw: Buffer): string {
  try {
    return utf8.decode(raw);
  } catch (cause) {
    throw new MalformedRequestError("invalid_encoding", "The request body is not valid UTF-8.", { cause });
  }
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MalformedRequestError("invalid_json", "The request body is not valid JSON.", { cause });
  }
}
