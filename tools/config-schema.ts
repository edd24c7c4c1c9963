// npm run config:schema: writes config/schema.json, the JSON Schema editors use to validate and complete
// config/<env>.json ("$schema": "./schema.json"). Generated from the zod schema, so it never drifts.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { configSchema } from "../lib/config/schema";
import { PROJECT_ROOT } from "../lib/project-root";

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "config", "schema.json");

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "apigw-mtls environment configuration" }, null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, configJsonSchema());
  console.log(`wrote ${path.relative(PROJECT_ROOT, SCHEMA_FILE)}`);
}
