// One way to choose the environment, for every tool: `--env <name>` (or the positional <env> where a command
// takes one) wins; then MTLS_CONFIG (a configuration file anywhere); then MTLS_ENV; then the shipped example.
import { DEFAULT_ENVIRONMENT, loadConfig } from "../../lib/config/load";
import type { Config } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";
import { UsageError } from "../../lib/user-error";

export interface EnvironmentChoice {
  /** The environment's name when it was chosen by name; unset when MTLS_CONFIG names a file. */
  readonly name?: string;
  /** The variables loadConfig reads, with the choice applied. */
  readonly configEnv: NodeJS.ProcessEnv;
  /** What named the environment, as messages say it: "--env", "the <env> argument" or "MTLS_ENV". */
  readonly source?: string;
}

export function chooseEnvironment(
  flag: string | undefined,
  positional?: string,
  env: NodeJS.ProcessEnv = process.env,
): EnvironmentChoice {
  if (flag !== undefined && positional !== undefined && flag !== positional) {
    throw new UsageError(`the environment is given twice, as ${positional} and as --env ${flag}: give it once`);
  }
  const named = flag ?? positional;
  if (named !== undefined) {
    const source = flag !== undefined ? "--env" : "the <env> argument";
    return { name: named, configEnv: { ...env, MTLS_ENV: named, MTLS_CONFIG: "" }, source };
  }
  if (env.MTLS_CONFIG) return { configEnv: env };
  return { name: env.MTLS_ENV || DEFAULT_ENVIRONMENT, configEnv: env, source: "MTLS_ENV" };
}

/** The chosen environment's validated configuration; a bad name or a missing file names what chose it. */
export function loadChosenConfig(choice: EnvironmentChoice): Config {
  return loadConfig(choice.configEnv, PROJECT_ROOT, choice.source);
}
