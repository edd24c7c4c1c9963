// npm run config:schema: writes config/schema.json, the JSON Schema editors use to validate and complete
// config/<env>.json ("$schema": "./schema.json"), and docs/config.md, the reference of every field. Both are
// generated from the zod schema, so they never drift; and docs/authorizer.md's settings table, from the
// authorizer's settings codec.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { configSchema } from "../lib/config/schema";
import { AUTHORIZER_DOCS_FILE, authorizerDocs } from "./authorizer-settings-docs";
import { CONFIG_DOCS_FILE, configMarkdown } from "./config-docs";
import { PROJECT_ROOT } from "../lib/project-root";

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "config", "schema.json");

function jsonSchema() {
  return {
    ...z.toJSONSchema(configSchema, {
      io: "input",
      unrepresentable: "any",
      override: ({ zodSchema, jsonSchema }) => {
        // A section written `.prefault({})` is filled in by its fields' defaults: show what leaving it out gives.
        if (zodSchema._zod.def.type === "prefault") jsonSchema.default = z.parse(zodSchema, undefined);
      },
    }),
    title: "apigw-mtls environment configuration",
  };
}

export function configJsonSchema(): string {
  return `${JSON.stringify(jsonSchema(), null, 2)}\n`;
}

export function configDocs(): string {
  return configMarkdown(jsonSchema() as Parameters<typeof configMarkdown>[0]);
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, configJsonSchema());
  fs.writeFileSync(CONFIG_DOCS_FILE, configDocs());
  fs.writeFileSync(AUTHORIZER_DOCS_FILE, authorizerDocs(fs.readFileSync(AUTHORIZER_DOCS_FILE, "utf8")));
  for (const file of [SCHEMA_FILE, CONFIG_DOCS_FILE, AUTHORIZER_DOCS_FILE])
    console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
}
