// npm run synth [-- --hcl] and npm run synth:env -- [<environment> | --all]: validate the environment's
// configuration and synthesize its four stacks, straight from the app (no cdktf-cli around it). synth writes
// cdktf.out/, the folder cdktf deploy and cdktf diff read; synth:env writes cdktf.out.<environment>/, leaving other
// folders untouched, and with --all does so for every environment in config/ (none replaced unless all synthesize).
// Either way the new folder replaces the old one whole (tools/environments/synth.ts).
import * as path from "node:path";
import { listEnvironments, loadConfig } from "../../lib/config/load";
import { PROJECT_ROOT } from "../../lib/project-root";
import { EXIT, UsageError } from "../../lib/user-error";
import { command, ENV_OPTION, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { main } from "../cli/run";
import { synthConfig, synthConfigHcl, synthConfigs } from "./synth";

const HCL = {
  hcl: { type: "boolean", description: "write HCL (cdk.tf) instead of Terraform JSON; review and plan read JSON" },
} as const;

const ALL = {
  all: {
    type: "boolean",
    description: "every environment in config/, each into cdktf.out.<env>/ (none written unless all synthesize)",
  },
} as const;

const INTO_CDKTF_OUT = {
  ...HCL,
  outdir: { type: "path", kind: "folder", description: "write to DIR instead of cdktf.out/" },
} as const;

function say(environment: string, outdir: string, file: string): void {
  console.log(`synthesized ${environment} into ${path.relative(process.cwd(), outdir)}/stacks/<stack>/${file}`);
}

const NOTES = [
  "The environment: <env> or --env, else MTLS_CONFIG, else MTLS_ENV, else example.",
  "exit status: 0 synthesized, 2 invalid configuration or PKI files (nothing was written)",
];

/** One environment, chosen by --env or <env>, into `outdir` (cdktf.out.<env>/ when unset). */
async function synthOne(flag: string | undefined, positional: string | undefined, outdir?: string, hcl = false) {
  const config = loadChosenConfig(chooseEnvironment(flag, positional));
  const written = hcl
    ? (await synthConfigHcl(config, PROJECT_ROOT, { outdir })).outdir
    : synthConfig(config, PROJECT_ROOT, { outdir }).outdir;
  say(config.environment, written, hcl ? "cdk.tf" : "cdk.tf.json");
  return EXIT.ok;
}

/**
 * synth:env --all: every environment is validated and synthesized before the first output folder is replaced, and
 * two environments may not both manage one account's and region's API Gateway setting (synthConfigs).
 */
function synthEveryEnvironment(named: string | undefined): number {
  if (named !== undefined) throw new UsageError(`--all synthesizes every environment: drop ${named}, or drop --all`);
  const configs = listEnvironments().map((environment) => loadConfig({ MTLS_ENV: environment }));
  for (const { config, outdir } of synthConfigs(configs, PROJECT_ROOT)) say(config.environment, outdir, "cdk.tf.json");
  return EXIT.ok;
}

const SYNTH_SUMMARY = "synthesize the four stacks into cdktf.out/ (what cdktf deploy and cdktf diff read)";
const SYNTH_ENV_SUMMARY =
  "synthesize one environment (or --all of them) into cdktf.out.<env>/ (other folders untouched)";

export const SYNTH: ToolDeclaration = {
  script: "synth",
  summary: SYNTH_SUMMARY,
  notes: NOTES,
  commands: [
    command({
      positionals: ["[<env>]"],
      summary: SYNTH_SUMMARY,
      options: { ...INTO_CDKTF_OUT, ...ENV_OPTION },
      run: ({ values, positionals }) =>
        synthOne(values.env, positionals[0], values.outdir ?? path.join(PROJECT_ROOT, "cdktf.out"), values.hcl),
    }),
  ],
};

export const SYNTH_ENV: ToolDeclaration = {
  script: "synth:env",
  summary: SYNTH_ENV_SUMMARY,
  notes: NOTES,
  commands: [
    command({
      positionals: ["[<env>]"],
      summary: SYNTH_ENV_SUMMARY,
      options: { ...ALL, ...ENV_OPTION },
      run: ({ values, positionals }) =>
        values.all ? synthEveryEnvironment(values.env ?? positionals[0]) : synthOne(values.env, positionals[0]),
    }),
  ],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [SYNTH, SYNTH_ENV];

if (require.main === module) {
  const tool = declaredTools().find((candidate) => candidate.script === process.argv[2]);
  if (!tool) throw new UsageError(`synth-cli.ts takes synth or synth:env first (got ${process.argv[2]})`);
  main(tool, process.argv.slice(3));
}
