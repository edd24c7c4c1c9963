import * as fs from "node:fs";
import * as path from "node:path";
import { parseJsonText } from "../json-text";
import { PROJECT_ROOT } from "../project-root";
import { ConfigError, describeIssue } from "./errors";
import { jsonShapeProblems } from "./json-shape";
import { configSchema, type Config } from "./schema";

/** The environment synthesized when neither MTLS_ENV nor MTLS_CONFIG is set. It needs no AWS account. */
export const DEFAULT_ENVIRONMENT = "example";

export interface ConfigLocation {
  /** Absolute path of the document. */
  readonly file: string;
  /** How errors name the document: relative to the project root when inside it. */
  readonly displayName: string;
  /** Set when the environment was chosen by name: the document must declare the same name. */
  readonly expectedEnvironment?: string;
  /** What named the environment (MTLS_ENV, --env, the <env> argument), when it was chosen by name. */
  readonly source?: string;
}

/** An environment's name: lower case, the name of its file config/<name>.json. */
const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,19}$/;

/**
 * Where the configuration is. `source` is how the user named the environment when it was by name (MTLS_ENV, or
 * a tool's --env or <env> argument, tools/cli/environment.ts): messages name what the user typed.
 */
export function locateConfig(
  env: NodeJS.ProcessEnv = process.env,
  root = PROJECT_ROOT,
  source = "MTLS_ENV",
): ConfigLocation {
  if (env.MTLS_CONFIG) {
    const file = path.resolve(env.MTLS_CONFIG);
    return { file, displayName: displayPath(file, root) };
  }
  const environment = env.MTLS_ENV || DEFAULT_ENVIRONMENT;
  if (!ENVIRONMENT_NAME.test(environment)) {
    throw new ConfigError(source, [
      `${source}: must name a file config/<environment>.json with a lower-case name (got ${JSON.stringify(environment)}; files in config/: ${environmentList(root)})`,
    ]);
  }
  const file = path.join(root, "config", `${environment}.json`);
  return { file, displayName: displayPath(file, root), expectedEnvironment: environment, source };
}

function displayPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

/** Validates a parsed document; throws a ConfigError naming every bad field. */
export function parseConfig(document: unknown, source: string, expectedEnvironment?: string): Config {
  const result = configSchema.safeParse(document, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(source, result.error.issues.flatMap(describeIssue));
  }
  if (expectedEnvironment !== undefined && result.data.environment !== expectedEnvironment) {
    throw new ConfigError(source, [
      `environment: must be ${JSON.stringify(expectedEnvironment)} to match the file name (got ${JSON.stringify(result.data.environment)})`,
    ]);
  }
  return result.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = PROJECT_ROOT, source?: string): Config {
  const location = locateConfig(env, root, source);
  let text: string;
  try {
    text = fs.readFileSync(location.file, "utf8");
  } catch {
    const hint = location.expectedEnvironment
      ? `create it, or name another environment in ${location.source} (files in config/: ${environmentList(root)})`
      : "check the path in MTLS_CONFIG";
    throw new ConfigError(location.displayName, [`the file cannot be read: ${hint}`]);
  }
  const document = parseJsonText(
    text,
    (where) => new ConfigError(location.displayName, [`not valid JSON at ${where}: fix the document and run again`]),
  );
  const shapeProblems = jsonShapeProblems(text);
  if (shapeProblems.length > 0) throw new ConfigError(location.displayName, shapeProblems);
  return parseConfig(document, location.displayName, location.expectedEnvironment);
}

function environmentList(root: string): string {
  return listEnvironments(root).join(", ") || "none";
}

export function listEnvironments(root = PROJECT_ROOT): string[] {
  const folder = path.join(root, "config");
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".json") && name !== "schema.json")
    .map((name) => name.slice(0, -".json".length))
    .sort();
}
