/**
 * The artifact that is deployed: the stack's esbuild bundle of the validator (lib/functions/lambda-bundle.ts),
 * loaded by a separate plain Node process — no ts-jest, no node_modules resolution beyond the
 * bundle — storing into dynalite over HTTP.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildLambdaBundle } from "../../lib/functions/lambda-bundle";
import { LAMBDA_ENTRY_POINTS } from "../../contract/lambda-environment";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { proxyEvent } from "./support/proxy-events";
import { sampleBody, signDelivery } from "./support/signed-deliveries";
import { validatorEnvironment } from "./support/test-secrets";

let table: DynaliteEventTable;
let dir: string;
beforeAll(async () => {
  table = await startDynaliteEventTable();
  dir = mkdtempSync(join(tmpdir(), "validator-bundle-"));
});
afterAll(async () => {
  await table.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("the bundled handler stores a signed delivery and rejects an unsigned one", async () => {
  writeFileSync(join(dir, "index.js"), buildLambdaBundle(LAMBDA_ENTRY_POINTS.webhookValidator).code);
  const delivery = signDelivery("stripe", sampleBody("stripe", "evt_bundle_1"), { timestamp: Math.floor(Date.now() / 1000) });
  const events = [
    proxyEvent({ provider: "stripe", body: delivery.body, headers: delivery.headers }),
    proxyEvent({ provider: "stripe", body: delivery.body, headers: {} }),
  ];
  writeFileSync(join(dir, "events.json"), JSON.stringify(events));
  const script = `
    const { handler } = require("./index.js");
    const events = require("./events.json");
    (async () => {
      const results = [];
      for (const event of events) results.push(await handler(event, undefined));
      process.stdout.write("RESULTS" + JSON.stringify(results));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...validatorEnvironment(table.endpoint, table.tableName) },
  });
  const results = JSON.parse(stdout.slice(stdout.indexOf("RESULTS") + "RESULTS".length)) as Array<{ statusCode: number; body: string }>;

  expect(results.map((r) => [r.statusCode, JSON.parse(r.body).result ?? JSON.parse(r.body).error])).toEqual([
    [200, "stored"],
    [401, "missing_signature"],
  ]);
  // One EVENT item; the IDENTITY item written in the same transaction carries the id too.
  const items = await table.scanAll();
  expect(items.filter((item) => item.itemType.S === "EVENT").map((item) => item.eventId.S)).toEqual(["evt_bundle_1"]);
  expect(items.filter((item) => item.itemType.S === "IDENTITY").map((item) => item.eventId.S)).toEqual(["evt_bundle_1"]);
});
