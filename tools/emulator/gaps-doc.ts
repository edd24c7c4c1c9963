// The table of moto-gaps.ts as docs/testing.md shows it; __tests__/unit/emulator-gaps.test.ts holds the document to it
// cell by cell (Prettier pads the columns).
import { MOTO_GAPS, type MotoGap } from "./moto-gaps";

export const MOTO_GAPS_HEADER = ["id", "kind", "what moto does", "workaround", "not proven here"];

export function motoGapRows(): string[][] {
  return Object.entries(MOTO_GAPS).map(([id, gap]: [string, MotoGap]) => [
    `\`${id}\``,
    gap.kind,
    gap.gap,
    gap.workaround,
    gap.unproven,
  ]);
}

/** The table in Markdown (before Prettier pads it). */
export function motoGapsTable(): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(MOTO_GAPS_HEADER), line(MOTO_GAPS_HEADER.map(() => "---")), ...motoGapRows().map(line)].join("\n");
}

/** The rows of the table in a Markdown document, cells trimmed: from its header to the first line not a row. */
export function documentedGapRows(markdown: string): string[][] {
  const lines = markdown.split("\n");
  const cells = (line: string) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/\\\|/g, "|"));
  const start = lines.findIndex((line) => line.startsWith("|") && cells(line).join() === MOTO_GAPS_HEADER.join());
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && !line.startsWith("|"));
  return lines.slice(start + 2, end < 0 ? undefined : end).map(cells);
}
