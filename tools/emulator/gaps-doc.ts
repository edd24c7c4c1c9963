// The table of moto-gaps.ts as docs/testing.md shows it; __tests__/emulator-gaps.test.ts holds the document to it.
import { MOTO_GAPS, type MotoGap } from "./moto-gaps";

const escape = (text: string) => text.replace(/\|/g, "\\|");

export function motoGapsTable(): string {
  const rows = Object.entries(MOTO_GAPS).map(([id, gap]: [string, MotoGap]) =>
    [`\`${id}\``, gap.kind, gap.gap, gap.workaround, gap.unproven].map(escape).join(" | "),
  );
  return [
    "| id | kind | what moto does | workaround | not proven here |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}
