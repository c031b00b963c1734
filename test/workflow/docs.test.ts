/** docs/workflow.md must describe the definition that is deployed, not an older one. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_RETRY_TUNING, WORKFLOW_STATES } from "../../lib/workflow/definition";
import { retryWaitCeilings } from "../../lib/workflow/retry-tuning";
import { workflowDefinition } from "./support/workflow-fixtures";

const doc = readFileSync(join(__dirname, "../../docs/workflow.md"), "utf8");
const diagram = doc.slice(doc.indexOf("```mermaid"), doc.indexOf("```", doc.indexOf("```mermaid") + 3));

describe("docs/workflow.md", () => {
  it("names every state of the definition in the Mermaid diagram", () => {
    const names = Object.keys(workflowDefinition("t").States);
    expect(names.sort()).toEqual(Object.values(WORKFLOW_STATES).sort());
    expect(names.filter((name) => !diagram.includes(`state "${name}`))).toEqual([]);
  });

  it("shows the retry ceilings of the default tuning", () => {
    const rows = [...doc.matchAll(/^\| (\d) \| (\d+) \| /gm)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(rows).toEqual(retryWaitCeilings({ ...DEFAULT_RETRY_TUNING }).map((ceiling, index) => [index + 1, ceiling]));
  });
});
