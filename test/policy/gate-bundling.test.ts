/**
 * The gate skips Lambda bundling (the archive is no policy input); `pulumi up` never does.
 * Oracle for "real bundle": esbuild's output carries the handler export and a linked source map.
 */
import type * as pulumi from "@pulumi/pulumi";
import { SKIP_BUNDLING_ENV as GATE_SETS } from "../../policy-pack/gate/cli";
import { lambdaCodeArchive, SKIP_BUNDLING_ENV as BUNDLER_HONOURS } from "../../lib/functions/lambda-bundle";
import { LAMBDA_ENTRY_POINTS } from "../../contract/lambda-environment";

const VALIDATOR_ENTRY_POINT = LAMBDA_ENTRY_POINTS.webhookValidator;

async function files(archive: pulumi.asset.AssetArchive): Promise<Record<string, string>> {
  const assets = (await archive.assets) as Record<string, pulumi.asset.StringAsset>;
  return Object.fromEntries(await Promise.all(Object.entries(assets).map(async ([name, asset]) => [name, String(await asset.text)])));
}

describe("Lambda bundling under the gate", () => {
  const saved = process.env[BUNDLER_HONOURS];
  afterEach(() => {
    if (saved === undefined) delete process.env[BUNDLER_HONOURS];
    else process.env[BUNDLER_HONOURS] = saved;
  });

  it("the gate sets the variable the bundler honours", () => {
    expect(GATE_SETS).toBe(BUNDLER_HONOURS);
  });

  it("without it (pulumi up) the archive is the real bundle with its source map", async () => {
    delete process.env[BUNDLER_HONOURS];
    const archive = await files(lambdaCodeArchive(VALIDATOR_ENTRY_POINT));
    expect(Object.keys(archive).sort()).toEqual(["index.js", "index.js.map"]);
    expect(archive["index.js"]).toMatch(/handler/);
    expect(archive["index.js"]).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
  });

  it("with it the archive is a placeholder, and a missing entry point still fails", async () => {
    process.env[BUNDLER_HONOURS] = "1";
    const archive = await files(lambdaCodeArchive(VALIDATOR_ENTRY_POINT));
    expect(Object.keys(archive)).toEqual(["index.js"]);
    expect(archive["index.js"]).toContain("not bundled");
    expect(() => lambdaCodeArchive("lambda/no-such-handler.ts")).toThrow(/does not exist/);
  });
});
