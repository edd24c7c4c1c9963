// Parses Mermaid diagrams with Mermaid's own parser (mermaid.parse), outside a browser: reads a JSON list of
// { where, text } on standard input, prints a JSON list of { where, diagramType } or { where, error }. Mermaid is an
// ES module jest cannot load, so the test runs this once for every diagram. Some diagram types (state diagrams)
// sanitize their labels with DOMPurify, which needs a DOM: jsdom's window, set before Mermaid loads.
import { JSDOM } from "jsdom";
import process from "node:process";

globalThis.window = new JSDOM("").window;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const verdicts = [];
for (const { where, text } of JSON.parse(input)) {
  try {
    const { diagramType } = await mermaid.parse(text);
    verdicts.push({ where, diagramType });
  } catch (error) {
    verdicts.push({ where, error: String(error?.message ?? error).split("\n")[0] });
  }
}
process.stdout.write(JSON.stringify(verdicts));
