import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readStackConfig, SECRET_LEAF_PLACEHOLDER, SECRET_PLACEHOLDER } from "../../policy-pack/gate/stack-config";

function stackFile(name: string, yaml: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-")), name);
  fs.writeFileSync(file, yaml);
  return file;
}

describe("readStackConfig", () => {
  it("namespaces bare keys, JSON-encodes structured values and replaces secrets by a placeholder", () => {
    const file = stackFile(
      "Pulumi.pr42.yaml",
      ["config:", "  aws:region: us-east-1", "  environmentSuffix: pr42", "  payment-webhooks:validator:", "    reservedConcurrency: 5", "  payment-webhooks:signingSecrets:", "    secure: v1:abc=="].join("\n"),
    );
    expect(readStackConfig(file, "payment-webhooks")).toEqual({
      stack: "pr42",
      config: {
        "aws:region": "us-east-1",
        "payment-webhooks:environmentSuffix": "pr42",
        "payment-webhooks:validator": '{"reservedConcurrency":5}',
        "payment-webhooks:signingSecrets": SECRET_PLACEHOLDER,
      },
      secretKeys: ["payment-webhooks:signingSecrets"],
    });
  });
  it("marks a key with secret leaves (set with --secret --path) secret and keeps its shape", () => {
    const file = stackFile(
      "Pulumi.dev.yaml",
      [
        "config:",
        "  payment-webhooks:signingSecrets:",
        "    stripe:",
        "      - secure: v1:aaa==",
        "      - secure: v1:bbb==",
        "    adyen:",
        "      - secure: v1:ccc==",
        "  payment-webhooks:providerSettings:",
        "    square:",
        "      notificationUrl: https://example.com/webhooks/square",
      ].join("\n"),
    );
    const { config, secretKeys } = readStackConfig(file, "payment-webhooks");
    expect(secretKeys).toEqual(["payment-webhooks:signingSecrets"]);
    expect(JSON.parse(config["payment-webhooks:signingSecrets"])).toEqual({
      stripe: [SECRET_LEAF_PLACEHOLDER, SECRET_LEAF_PLACEHOLDER],
      adyen: [SECRET_LEAF_PLACEHOLDER],
    });
    expect(config["payment-webhooks:signingSecrets"]).not.toContain("v1:");
    expect(JSON.parse(config["payment-webhooks:providerSettings"])).toEqual({ square: { notificationUrl: "https://example.com/webhooks/square" } });
  });

  it("names the missing file", () => {
    expect(() => readStackConfig("/nonexistent/Pulumi.prod.yaml", "payment-webhooks")).toThrow("stack config file not found: /nonexistent/Pulumi.prod.yaml");
  });
});
