/** Renders a JSON value as an HCL expression (HCL accepts JSON's syntax once template markers are escaped). */
export function hclValue(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}
