import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { parseConfig } from "../../lib/config/load";
import type { Config, ConfigInput } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";

/** The shipped example configuration document, as a fresh mutable object. */
export function exampleDocument(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "config", "example.json"), "utf8"));
}

/** The example configuration, with a change applied to the document before validation. */
export function exampleConfig(change: (document: Record<string, any>) => void = () => {}): Config {
  const document = exampleDocument();
  change(document);
  return parseConfig(document as ConfigInput, "test document");
}

export const API_TYPES = ["http", "rest"] as const;

/** Sets the API type; a REST API must say how the account's logging role is provided (here: it already exists). */
export function useApiType(document: Record<string, any>, apiType: string): void {
  document.api.type = apiType;
  if (apiType === "rest") document.api.manageAccountLoggingRole = false;
}

export function configFor(apiType: (typeof API_TYPES)[number]): Config {
  return exampleConfig((document) => useApiType(document, apiType));
}

/** The problems a configuration error lists for a document (none when it is valid). */
export function configProblems(document: Record<string, any>, environment = "example"): string[] {
  try {
    parseConfig(document as ConfigInput, `config/${environment}.json`, environment);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}
