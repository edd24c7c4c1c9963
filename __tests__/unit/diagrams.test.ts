// The Mermaid pictures in README.md and docs/architecture.md say what the code says: the stack diagram has one
// box per stack in STACK_ORDER holding exactly that stack's outputs from lib/contract.ts, and an arrow from each
// stack to the one that reads it; the request path and the certificate lifecycle name every party and ending.
import * as fs from "node:fs";
import * as path from "node:path";
import { CONTRACT, MODE_SPECIFIC_OUTPUTS, STACK_ORDER, UPSTREAM } from "../../lib/contract";
import { PROJECT_ROOT } from "../../lib/project-root";

/** The Mermaid blocks of a document, each with the text line before it. */
function mermaidBlocks(document: string): { before: string; lines: string[] }[] {
  const lines = fs.readFileSync(path.join(PROJECT_ROOT, document), "utf8").split("\n");
  const blocks: { before: string; lines: string[] }[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index].trim() !== "```mermaid") continue;
    const end = lines.indexOf("```", index + 1);
    const before =
      lines
        .slice(0, index)
        .reverse()
        .find((line) => line.trim()) ?? "";
    blocks.push({ before, lines: lines.slice(index + 1, end).map((line) => line.trim()) });
    index = end;
  }
  return blocks;
}

/** `a -->|label| b` and `a --> b` links, as [from, to, label]. */
function links(lines: string[]): [string, string, string][] {
  return lines.flatMap((line) => {
    const link = /^(\w+)(?:\[[^\]]*\])? -->(?:\|([^|]*)\|)? (\w+)/.exec(line);
    return link ? [[link[1], link[3], link[2] ?? ""] as [string, string, string]] : [];
  });
}

describe("the stack diagram (docs/architecture.md)", () => {
  const blocks = mermaidBlocks("docs/architecture.md");
  const stacks = blocks.find((block) => block.before.includes("diagram: the stacks and their outputs"))!;

  test("is a flowchart with one box per stack, in the contract's order", () => {
    expect(stacks.lines[0]).toBe("flowchart LR");
    const boxes = stacks.lines.flatMap((line) => /^subgraph (\w+)\[/.exec(line)?.[1] ?? []);
    expect(boxes).toEqual([...STACK_ORDER]);
  });

  test.each(STACK_ORDER)("the %s box holds exactly the stack's outputs in lib/contract.ts", (stack) => {
    const start = stacks.lines.findIndex((line) => line.startsWith(`subgraph ${stack}[`));
    const end = stacks.lines.indexOf("end", start);
    const labels = stacks.lines.slice(start + 1, end).flatMap((line) => /^\w+\["([^"]+)"\]$/.exec(line)?.[1] ?? []);
    const names = Object.keys(CONTRACT[stack]);
    expect(names.length).toBeGreaterThan(0);
    expect(labels.map((label) => label.split(" ")[0])).toEqual(names);
    const modes = (MODE_SPECIFIC_OUTPUTS as Record<string, Record<string, readonly string[]>>)[stack] ?? {};
    const modeLabels = Object.entries(modes).map(([name, only]) => `${name} (${only.join(", ")})`);
    expect(labels.filter((label) => label.includes(" ("))).toEqual(modeLabels);
  });

  test("an arrow from each stack to the stack that reads its remote state, and no other", () => {
    const expected = STACK_ORDER.filter((stack) => UPSTREAM[stack]).map((stack) => [
      UPSTREAM[stack],
      stack,
      "remote state",
    ]);
    expect(expected).toHaveLength(STACK_ORDER.length - 1);
    expect(links(stacks.lines).filter(([, , label]) => label === "remote state")).toEqual(expected);
  });
});

describe("the other pictures", () => {
  test("README's overview chains the stacks in the contract's order", () => {
    const [overview] = mermaidBlocks("README.md");
    const chain = links(overview.lines).filter(([, , label]) => label === "remote state");
    expect(chain.map(([from, to]) => [from, to])).toEqual(
      STACK_ORDER.slice(1).map((stack) => [UPSTREAM[stack], stack]),
    );
  });

  test("the request path names the client, the handshake, the truststore, the authorizer, the CRL and the backend", () => {
    const path = mermaidBlocks("docs/architecture.md").find((block) => block.lines[0] === "sequenceDiagram")!;
    const participants = path.lines.filter((line) => line.startsWith("participant ")).join("\n");
    for (const party of ["Client", "API Gateway", "Truststore", "authorizer", "CRL", "Backend"]) {
      expect(participants).toContain(party);
    }
    expect(path.lines.join("\n")).toMatch(/TLS handshake/);
    expect(path.lines.filter((line) => /-->>C: 403 Forbidden$/.test(line))).toHaveLength(2);
  });

  test("the certificate lifecycle ends in revocation, expiry or replacement", () => {
    const lifecycle = mermaidBlocks("docs/architecture.md").find((block) => block.lines[0] === "stateDiagram-v2")!;
    const endings = lifecycle.lines.flatMap((line) => /^(\w+) --> \[\*\]/.exec(line)?.[1] ?? []);
    expect(endings.sort()).toEqual(["Expired", "Replaced", "Revoked"]);
  });
});
