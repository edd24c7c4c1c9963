// Every ```mermaid block of README.md and docs/*.md parses with Mermaid's own parser, as GitHub renders it: one
// Node process (helpers/mermaid-parse.mjs) parses them all, beside a fixture whose broken diagram must fail.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { documentsUnderTest, fencedBlocks } from "../helpers/doc-blocks";

const FIXTURE = path.join(__dirname, "..", "fixtures", "mermaid", "diagrams.md");

function diagramsOf(file: string, shownAs: string) {
  return fencedBlocks(fs.readFileSync(file, "utf8"), "mermaid").map(({ line, text }) => ({
    where: `${shownAs}:${line}`,
    text,
  }));
}

const documented = documentsUnderTest(PROJECT_ROOT).flatMap((name) => diagramsOf(path.join(PROJECT_ROOT, name), name));
const fixture = diagramsOf(FIXTURE, "fixture");

interface Verdict {
  readonly where: string;
  readonly diagramType?: string;
  readonly error?: string;
}

const parse = spawnSync(process.execPath, [path.join(__dirname, "..", "helpers", "mermaid-parse.mjs")], {
  input: JSON.stringify([...documented, ...fixture]),
  encoding: "utf8",
});
const verdicts: Verdict[] = parse.status === 0 ? JSON.parse(parse.stdout) : [];
const verdictAt = (where: string) => verdicts.find((verdict) => verdict.where === where);

describe("Mermaid diagrams", () => {
  test("Mermaid's parser ran over every diagram in one process", () => {
    expect({ status: parse.status, stderr: parse.stderr }).toEqual({ status: 0, stderr: "" });
    expect(verdicts).toHaveLength(documented.length + fixture.length);
  });

  test("the fixture: a flowchart, a sequence and a state diagram parse; a broken flowchart fails", () => {
    expect(fixture).toHaveLength(4);
    expect(fixture.map(({ where }) => verdictAt(where))).toEqual([
      { where: "fixture:5", diagramType: "flowchart-v2" },
      { where: "fixture:10", diagramType: "sequence" },
      { where: "fixture:16", diagramType: "stateDiagram" },
      { where: "fixture:24", error: expect.stringMatching(/^Parse error on line 3/) },
    ]);
  });

  test("every diagram in README.md and docs/*.md parses", () => {
    expect(documented.length).toBeGreaterThanOrEqual(1);
    const parsed = documented.map(({ where }) => verdictAt(where));
    expect(parsed.filter((verdict) => !verdict?.diagramType)).toEqual([]);
  });
});
