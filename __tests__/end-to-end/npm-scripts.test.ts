// The tools as a new user types them: through npm, from a folder of the project other than its root. Paths
// resolve from the folder the command was typed in (npm's INIT_CWD, tools/run-bundled.cjs), `npm run --silent`
// leaves stdout to the tool (the JSON goes straight to jq), an option typed without `--` before it, which npm
// keeps for itself, is named with the fix, and a bad environment name blames what the user typed.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { EXIT } from "../../lib/user-error";
import { testFolder } from "../helpers/pki";

const DOCS = path.join(PROJECT_ROOT, "docs");

/** npm as the user runs it, in `cwd`; the test run's own npm variables are not passed on. */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|INIT_CWD$|MTLS_)/i.test(name)),
  );
  const run = spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...inherited, ...env }, timeout: 60_000 });
  if (run.error) throw run.error;
  return run;
}

describe("npm scripts as typed, from docs/", () => {
  const folder = testFolder("npm-scripts");
  const fromDocs = (file: string) => path.relative(DOCS, path.join(folder, file));

  test("a relative MTLS_CONFIG and --outdir resolve from the user's folder; --silent leaves jq clean JSON", () => {
    fs.copyFileSync(path.join(PROJECT_ROOT, "config", "example.json"), path.join(folder, "mine.json"));
    const synth = npm(["run", "--silent", "synth", "--", "--outdir", fromDocs("out")], DOCS, {
      MTLS_CONFIG: fromDocs("mine.json"),
    });
    expect([synth.status, synth.stderr]).toEqual([EXIT.ok, ""]);
    expect(synth.stdout.trim()).toBe(`synthesized example into ${fromDocs("out")}/stacks/<stack>/cdk.tf.json`);
    expect(fs.existsSync(path.join(folder, "out", "stacks", "api", "cdk.tf.json"))).toBe(true);

    const review = npm(["run", "--silent", "review", "--", "--json", "--dir", fromDocs("out")], DOCS);
    expect(review.status).toBe(EXIT.ok);
    expect(Object.keys(JSON.parse(review.stdout)).length).toBeGreaterThan(0);
  });

  test("a path argument resolves from the user's folder (truststore:lint)", () => {
    const missing = npm(["run", "--silent", "truststore:lint", "--", fromDocs("no-such.pem")], DOCS);
    expect(missing.status).toBe(EXIT.usage);
    expect(missing.stderr).toContain(`cannot read ${fromDocs("no-such.pem")}`);
  });

  test("an option typed without -- (npm keeps it) is one line saying to put -- before it, exit 2", () => {
    const run = npm(["run", "--silent", "review", "--json"], DOCS);
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr).toMatch(/^review: npm took --json as its own option, .*put -- between the script/m);
  });

  test("a bad environment name blames what the user typed, not MTLS_ENV", () => {
    const run = npm(["run", "--silent", "synth", "--", "Example"], DOCS);
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr).toMatch(/the <env> argument: must name a file config\/<environment>\.json .*"Example"/);
    expect(run.stderr).not.toMatch(/MTLS_ENV/);
  });
});
