// The whole project type-checks (npm run typecheck: the app, the tools and the tests, then the Lambda sources with
// their own types). It is a test of the run rather than a step before it, so tsc works beside the other layers
// instead of leaving one of two cores idle while it runs.
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../lib/project-root";

test("npm run typecheck finds no type error", () => {
  const typecheck = spawnSync("npm", ["run", "--silent", "typecheck"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  expect(`${typecheck.stdout}${typecheck.stderr}`).toBe("");
  expect(typecheck.status).toBe(0);
}, 300000);
