// The emulator layer's workarounds are one table (tools/emulator/moto-gaps.ts): docs/testing.md shows it as it is,
// the proxy mends exactly its "patched response" rows, and the second plan tolerates exactly its "plan drift" rows.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { PATCHES } from "../../tools/emulator/emulator-proxy";
import { documentedGapRows, motoGapRows } from "../../tools/emulator/gaps-doc";
import { MOTO_GAPS, type MotoGap } from "../../tools/emulator/moto-gaps";

const rows = Object.entries(MOTO_GAPS) as [string, MotoGap][];

test("docs/testing.md shows the table of moto's gaps as the harness has it", () => {
  const testing = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "testing.md"), "utf8");
  expect(rows.length).toBeGreaterThan(5);
  expect(documentedGapRows(testing)).toEqual(motoGapRows());
});

test("the proxy mends every patched-response row and nothing else; only plan-drift rows name drift", () => {
  const patched = rows.filter(([, gap]) => gap.kind === "patched response").map(([id]) => id);
  expect(patched.length).toBeGreaterThan(0);
  expect(Object.keys(PATCHES).sort()).toEqual(patched.sort());
  const drift = rows.filter(([, gap]) => gap.drift).map(([, gap]) => gap.kind);
  expect(drift.length).toBeGreaterThan(0);
  expect(new Set(drift)).toEqual(new Set(["plan drift"]));
});
