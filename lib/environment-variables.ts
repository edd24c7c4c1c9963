// Every MTLS_* environment variable, in one table: its name, the file that reads it, who sets it and a one-line
// meaning. The authorizer's variables come from its settings codec (functions/authorizer/settings.ts), which writes
// and reads them. __tests__/unit/environment-variables.test.ts refuses an MTLS_* name in the sources or docs that is
// not here, and checks docs/environment-variables.md against this table.
import { AUTHORIZER_SETTINGS } from "../functions/authorizer/settings";

/** Who sets it: a user at the command line, CI, the api stack for the Lambda, or the test and bench harness. */
export type SetBy = "user" | "ci" | "lambda" | "tests";

export interface EnvironmentVariable {
  readonly name: string;
  /** The file that reads it (relative to the project root). */
  readonly readBy: string;
  readonly setBy: SetBy;
  readonly meaning: string;
}

const AUTHORIZER_VARIABLES: EnvironmentVariable[] = Object.values(AUTHORIZER_SETTINGS).flatMap((setting) =>
  "variable" in setting
    ? [
        {
          name: setting.variable,
          readBy: "functions/authorizer/settings.ts",
          setBy: "lambda" as const,
          meaning: setting.description,
        },
      ]
    : [],
);

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  {
    name: "MTLS_CONFIG",
    readBy: "lib/config/load.ts",
    setBy: "user",
    meaning: "A configuration file to use instead of config/<env>.json (--env and the <env> argument win over it).",
  },
  {
    name: "MTLS_ENV",
    readBy: "lib/config/load.ts",
    setBy: "user",
    meaning:
      "The environment, config/<MTLS_ENV>.json, when neither --env, the <env> argument nor MTLS_CONFIG names one.",
  },
  {
    name: "MTLS_PKI_PASSPHRASE",
    readBy: "tools/pki/crypto/keys.ts",
    setBy: "user",
    meaning: "The passphrase of the PKI tool's CA keys when --passphrase-file is not given.",
  },
  {
    name: "MTLS_P12_PASSWORD",
    readBy: "tools/pki/commands/export.ts",
    setBy: "user",
    meaning: "The password of a PKCS#12 file pki export writes for a client.",
  },
  {
    name: "MTLS_PKI_LOCK_WAIT_SECONDS",
    readBy: "tools/pki/lock.ts",
    setBy: "user",
    meaning: "Seconds a PKI command waits for another command's lock on the PKI folder before refusing.",
  },
  {
    name: "MTLS_TF_PROVIDER_MIRROR",
    readBy: "tools/terraform/provider-mirror.ts",
    setBy: "ci",
    meaning: "A local Terraform provider mirror, so terraform init needs no registry.",
  },
  {
    name: "MTLS_REQUIRE_ALL_LAYERS",
    readBy: "__tests__/helpers/layer-skip.ts",
    setBy: "ci",
    meaning: "1 turns a test layer's skip (a missing tool) into a failure.",
  },
  {
    name: "MTLS_FUNCTION_BUNDLE_CACHE",
    readBy: "lib/bundling/bundle.ts",
    setBy: "tests",
    meaning: "A folder where the Lambda bundles are kept between syntheses of one test run.",
  },
  {
    name: "MTLS_PLAN_OFFLINE_CACHE",
    readBy: "tools/performance/plan-cache.ts",
    setBy: "tests",
    meaning: "A folder where plan:offline keeps finished plans (the test run sets it).",
  },
  {
    name: "MTLS_TERRAFORM_CHECKED",
    readBy: "tools/terraform/cli.ts",
    setBy: "tests",
    meaning: "Terraform's version was already checked by the process that set it.",
  },
  {
    name: "MTLS_TF_SHARED_PROVIDER",
    readBy: "tools/performance/shared-provider.ts",
    setBy: "tests",
    meaning: "The one AWS provider the test run's Terraform processes share.",
  },
  {
    name: "MTLS_TEST_RUN_CACHE",
    readBy: "tools/performance/run-cache.ts",
    setBy: "tests",
    meaning: "The test run's cache folder, shared by its workers.",
  },
  {
    name: "MTLS_PKI_CRASH_AT",
    readBy: "tools/pki/atomic-write.ts",
    setBy: "tests",
    meaning: "Under NODE_ENV=test, the PKI tool kills itself at this step of a write, to prove recovery.",
  },
  {
    name: "MTLS_TEST_CPU_LOG",
    readBy: "tools/performance/bench/test-file-cpu.cjs",
    setBy: "tests",
    meaning: "bench:tests' file where each test file's CPU time is logged.",
  },
  {
    name: "MTLS_TEST_MARKER",
    readBy: "__tests__/unit/bench-tests.test.ts",
    setBy: "tests",
    meaning: "A marker a test gives a child process, so bench:tests' search for processes left running can find it.",
  },
  {
    name: "MTLS_BENCH_RUNS",
    readBy: "tools/performance/bench/synth.ts",
    setBy: "user",
    meaning: "How many synth runs npm run bench takes the median of.",
  },
  {
    name: "MTLS_BENCH_RSS_FILE",
    readBy: "tools/performance/bench/report-peak-rss.js",
    setBy: "tests",
    meaning: "The file a benchmarked process writes its peak memory to.",
  },
  ...AUTHORIZER_VARIABLES,
];

/** The table of docs/environment-variables.md. */
export function environmentVariablesTable(): string {
  const rows = ENVIRONMENT_VARIABLES.map(
    ({ name, readBy, setBy, meaning }) =>
      `| \`${name}\` | ${setBy} | \`${readBy}\` | ${meaning.replace(/\|/g, "\\|")} |`,
  );
  return ["| Variable | Set by | Read by | Meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
