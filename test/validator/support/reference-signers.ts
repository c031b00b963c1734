/**
 * Independent signers written from each provider's documentation with bare node:crypto, so
 * tests never sign with the code they test. The published vectors (published-vectors.test.ts)
 * pin the production verifiers; these pin the production test helpers.
 */
import { createHmac } from "node:crypto";

const hmac = (key: string | Buffer, data: string | Buffer) => createHmac("sha256", key).update(data);

export const referenceSign = {
  stripe: (body: string | Buffer, secret: string, t: number, scheme = "v1") =>
    `t=${t},${scheme}=${hmac(secret, Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)])).digest("hex")}`,

  standardWebhooks: (body: string | Buffer, secret: string, id: string, t: number, version = "v1") =>
    `${version},${hmac(Buffer.from(secret.replace(/^whsec_/, ""), "base64"), Buffer.concat([Buffer.from(`${id}.${t}.`), Buffer.from(body)])).digest("base64")}`,

  adyen: (fields: { psp: string; original: string; merchant: string; reference: string; value: string; currency: string; eventCode: string; success: string }, hexKey: string) =>
    hmac(
      Buffer.from(hexKey, "hex"),
      [fields.psp, fields.original, fields.merchant, fields.reference, fields.value, fields.currency, fields.eventCode, fields.success].join(":"),
    ).digest("base64"),

  square: (body: string | Buffer, key: string, url: string) => hmac(key, Buffer.concat([Buffer.from(url), Buffer.from(body)])).digest("base64"),

  checkout: (body: string | Buffer, key: string) => hmac(key, body).digest("hex"),

  generic: (body: string | Buffer, secret: string, encoding: "hex" | "base64") => hmac(secret, body).digest(encoding),
};
