// Explicit, per-resource waivers of a rule's finding, each with a reason (policies/suppressions.json).
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { PolicyRule } from "./types";
import { PROJECT_ROOT } from "../lib/project-root";
import { UserError } from "../lib/user-error";
import { parseJsonText } from "../lib/json-text";

export const SUPPRESSIONS_FILE = path.join(PROJECT_ROOT, "policies", "suppressions.json");

const suppression = z.strictObject({
  rule: z.string(),
  /** Stack of the resource. */
  stack: z.string(),
  /** Terraform address of the resource, e.g. aws_api_gateway_stage.rest_api_stage. */
  resource: z.string().min(1),
  reason: z
    .string()
    .min(30, { message: "must explain in a sentence (30 characters or more) why the finding does not apply" }),
});

const suppressionsFile = z.strictObject({
  $comment: z.string().optional(),
  suppressions: z.array(suppression),
});

export type Suppression = z.output<typeof suppression>;

export class SuppressionError extends UserError {}

/** Reads and checks the suppressions: each names a known rule and says why. */
export function loadSuppressions(rules: readonly PolicyRule[], file = SUPPRESSIONS_FILE): Suppression[] {
  const document = parseJsonText(
    fs.readFileSync(file, "utf8"),
    (where) => new SuppressionError(`${file} is not valid JSON at ${where}: fix the file and run again`),
  );
  const result = suppressionsFile.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new SuppressionError(`Invalid suppressions in ${file}:\n  - ${problems.join("\n  - ")}`);
  }
  const ids = new Set(rules.map((rule) => rule.id));
  const unknown = result.data.suppressions.filter((entry) => !ids.has(entry.rule));
  if (unknown.length > 0) {
    throw new SuppressionError(
      `Invalid suppressions in ${file}: unknown rule ${unknown.map((entry) => `"${entry.rule}"`).join(", ")} (rules: ${[...ids].join(", ")})`,
    );
  }
  return result.data.suppressions;
}
