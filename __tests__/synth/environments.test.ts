// Environments and backends on the synthesis side: the shipped environments differ only in data, no two stacks of
// any environment share state, every reader reads exactly its upstream's state through the same backend,
// synthesizing one environment never touches another's output, and the output is the same in any folder.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { accountLoggingRoleConflicts, accountLoggingRoleResetNotice } from "../../lib/account-logging-role";
import { ConfigError } from "../../lib/config/errors";
import { loadConfig } from "../../lib/config/load";
import { STACK_ORDER, UPSTREAM } from "../../lib/contract";
import { PROJECT_ROOT } from "../../lib/project-root";
import { stateIdentity, stateLocation } from "../../lib/state/location";
import { remoteStateReaders, stackState } from "../../policies/state-identity";
import {
  accountLoggingRoleOwners,
  environmentOutdir,
  synthConfig,
  synthConfigHcl,
  synthConfigs,
  synthEnvironment,
} from "../../tools/environments/synth";
import {
  BACKENDS,
  COMBINATIONS,
  environmentConfig,
  environmentDocument,
  SHIPPED_ENVIRONMENTS,
  type BackendType,
} from "../helpers/environments";
import { exampleConfig, useApiType } from "../helpers/config";
import { synthStacks, synthToDirectory, synthToDirectoryUncached } from "../helpers/synth";

const synthesized = Object.fromEntries(
  COMBINATIONS.map(({ environment, backend }) => [
    `${environment}/${backend}`,
    synthStacks(environmentConfig(environment, backend)),
  ]),
);

function resourceTypes(stack: Record<string, any>): string[] {
  return Object.keys(stack.resource ?? {}).sort();
}

describe("shipped environments", () => {
  test.each(SHIPPED_ENVIRONMENTS)("%s is valid and ships the backend its name suggests", (environment) => {
    const config = environmentConfig(environment);
    expect({ environment: config.environment, backend: config.backend.type, production: config.production }).toEqual(
      {
        example: { environment, backend: "local", production: false },
        dev: { environment, backend: "s3", production: false },
        prod: { environment, backend: "cloud", production: true },
      }[environment],
    );
  });

  test("differ only in data: the same settings, the same stacks and resource types", () => {
    const keys = (document: Record<string, any>) =>
      Object.keys(document)
        .filter((key) => key !== "production")
        .sort();
    expect(keys(environmentDocument("dev"))).toEqual(keys(environmentDocument("example")));
    expect(keys(environmentDocument("prod"))).toEqual(keys(environmentDocument("example")));
    expect(STACK_ORDER.length).toBeGreaterThan(0);
    for (const stack of STACK_ORDER) {
      const types = SHIPPED_ENVIRONMENTS.map((environment) =>
        resourceTypes(synthStacks(environmentConfig(environment))[stack]),
      );
      expect(types[1]).toEqual(types[0]);
      expect(types[2]).toEqual(types[0]);
    }
  });

  test("prod refuses local state before anything is synthesized", () => {
    expect(() => environmentConfig("prod", "local")).toThrow(ConfigError);
    expect(() => environmentConfig("prod", "local")).toThrow(
      /backend\.type: must be "s3" or "cloud" in a production environment/,
    );
  });
});

describe("state locations", () => {
  test("no two stacks of any environment, with any backend, share state", () => {
    const identities = COMBINATIONS.flatMap(({ environment, backend }) =>
      STACK_ORDER.map(
        (stack) => `${backend}|${stateIdentity(stateLocation(environmentConfig(environment, backend), stack))}`,
      ),
    );
    expect(new Set(identities).size).toBe(identities.length);
  });

  test("the synthesized backends of all environments name distinct state", () => {
    const identities = Object.values(synthesized).flatMap((stacks) =>
      STACK_ORDER.map((stack) => stackState(stacks[stack])!.identity),
    );
    expect(new Set(identities).size).toBe(identities.length);
  });

  test.each(COMBINATIONS)(
    "$environment with $backend: every reader reads its upstream stack's state, through the same backend",
    ({ environment, backend }) => {
      const stacks = synthesized[`${environment}/${backend}`];
      const readers = remoteStateReaders(stacks);
      expect(readers.map((reader) => `${reader.stack} <- ${reader.upstream}`)).toEqual(
        STACK_ORDER.filter((stack) => UPSTREAM[stack]).map((stack) => `${stack} <- ${UPSTREAM[stack]}`),
      );
      const readerBackend = { local: "local", s3: "s3", cloud: "remote" }[backend];
      expect(readers.every((reader) => reader.body.backend === readerBackend)).toBe(true);
    },
  );
});

describe("synthesized backends", () => {
  const dev = (backend: BackendType) => synthesized[`dev/${backend}`];

  test("local: a relative path per environment and stack, outside the output folder", () => {
    expect(dev("local").api.terraform.backend).toEqual({ local: { path: "../../../state/dev/api.tfstate" } });
  });

  test("s3: a key per environment and stack, encrypted, with the native lock file (and the DynamoDB table when set)", () => {
    expect(dev("s3").api.terraform.backend.s3).toEqual({
      bucket: BACKENDS.s3.bucket,
      key: "apigw-mtls/dev/api.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
      dynamodb_table: "terraform-locks",
    });
    expect(dev("s3").api.data.terraform_remote_state.truststore).toEqual({
      backend: "s3",
      config: { bucket: BACKENDS.s3.bucket, key: "apigw-mtls/dev/truststore.tfstate", region: "eu-west-1" },
    });
  });

  test("s3: a state role is used by the writer and the reader alike", () => {
    const config = environmentConfig("dev");
    const withRole = {
      ...config,
      backend: { ...config.backend, roleArn: "arn:aws:iam::123456789012:role/terraform-state" },
    } as typeof config;
    const stacks = synthStacks(withRole);
    expect(stacks.dns.terraform.backend.s3.assume_role).toEqual({
      role_arn: "arn:aws:iam::123456789012:role/terraform-state",
    });
    expect(stacks.dns.data.terraform_remote_state.api.config.assume_role).toEqual({
      role_arn: "arn:aws:iam::123456789012:role/terraform-state",
    });
  });

  test("cloud: one HCP Terraform workspace per environment and stack; readers use the remote backend", () => {
    expect(dev("cloud").api.terraform.cloud).toEqual({
      hostname: "app.terraform.io",
      organization: "acme-platform",
      workspaces: { name: "apigw-mtls-dev-api", project: "apigw-mtls" },
    });
    expect(dev("cloud").api.data.terraform_remote_state.truststore).toEqual({
      backend: "remote",
      config: {
        hostname: "app.terraform.io",
        organization: "acme-platform",
        workspaces: { name: "apigw-mtls-dev-truststore" },
      },
    });
  });
});

function folderDigest(folder: string): Map<string, string> {
  const files = fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => fs.statSync(path.join(folder, file)).isFile());
  return new Map(
    files.sort().map((file) => [
      file,
      crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(folder, file)))
        .digest("hex"),
    ]),
  );
}

describe("per-environment output folders", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-env-root-"));
  fs.mkdirSync(path.join(root, "config"));
  for (const environment of SHIPPED_ENVIRONMENTS) {
    fs.copyFileSync(
      path.join(PROJECT_ROOT, "config", `${environment}.json`),
      path.join(root, "config", `${environment}.json`),
    );
  }

  test("synthesizing one environment leaves every other environment's output untouched", () => {
    synthEnvironment("prod", root);
    synthEnvironment("dev", root);
    const prodBefore = folderDigest(environmentOutdir("prod", root));
    const prodModified = fs.statSync(path.join(environmentOutdir("prod", root), "manifest.json")).mtimeMs;
    synthEnvironment("dev", root);
    expect(folderDigest(environmentOutdir("prod", root))).toEqual(prodBefore);
    expect(fs.statSync(path.join(environmentOutdir("prod", root), "manifest.json")).mtimeMs).toBe(prodModified);
    expect(
      fs
        .readdirSync(root)
        .filter((name) => name.startsWith("cdktf.out."))
        .sort(),
    ).toEqual(["cdktf.out.dev", "cdktf.out.prod"]);
  });

  test("npm run synth's folder: --hcl replaces the JSON, switching environments leaves no stale file, Terraform's working files stay", async () => {
    const outdir = path.join(root, "cdktf.out");
    const files = () =>
      fs
        .readdirSync(path.join(outdir, "stacks", "api"), { recursive: true })
        .map(String)
        .filter((name) => !name.includes("assets"))
        .sort();
    synthConfig(environmentConfig("dev"), root, { outdir });
    fs.writeFileSync(path.join(outdir, "stacks", "api", "left-behind.tf.json"), "{}");
    fs.mkdirSync(path.join(outdir, "stacks", "api", ".terraform"));
    fs.writeFileSync(path.join(outdir, "stacks", "api", ".terraform.lock.hcl"), "# lock");
    await synthConfigHcl(environmentConfig("example"), root, { outdir });
    expect(files()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf", "metadata.json"]);
    expect(
      JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks.api.synthesizedStackPath,
    ).toBe("stacks/api/cdk.tf");
    synthConfig(environmentConfig("example"), root, { outdir });
    expect(files()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf.json"]);
    expect(process.env.SYNTH_HCL_OUTPUT).toBeUndefined();
  });

  test("several at once (synth:env --all): when one cannot synthesize (no PKI yet), no output is replaced", () => {
    synthEnvironment("dev", root);
    const devModified = fs.statSync(path.join(environmentOutdir("dev", root), "manifest.json")).mtimeMs;
    // Its PKI folder inside the test's root: a pki/self-managed/ the user made in the checkout is not read.
    const document = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "config", "self-managed.json"), "utf8"));
    document.pki.directory = path.join(root, "pki", "self-managed");
    fs.writeFileSync(path.join(root, "config", "self-managed.json"), JSON.stringify(document));
    const configs = ["dev", "self-managed"].map((environment) => loadConfig({ MTLS_ENV: environment }, root));
    expect(() => synthConfigs(configs, root)).toThrow(/pki\.json does not exist: create the CA/);
    expect(fs.statSync(path.join(environmentOutdir("dev", root), "manifest.json")).mtimeMs).toBe(devModified);
    expect(fs.existsSync(environmentOutdir("self-managed", root))).toBe(false);
    expect(fs.readdirSync(root).filter((name) => name.includes("partial"))).toEqual([]);
    fs.rmSync(path.join(root, "config", "self-managed.json"));
  });

  test("synth:env --all refuses two environments that manage one account's and region's API Gateway logging role", () => {
    const owning = (environment: string, accountId = "123456789012") =>
      exampleConfig((document) => {
        Object.assign(document, { environment, accountId });
        useApiType(document, "rest");
        document.api.manageAccountLoggingRole = true;
      });
    const refusal = () => synthConfigs([owning("team-a"), owning("team-b")], root);
    expect(refusal).toThrow(ConfigError);
    expect(refusal).toThrow(
      /^Invalid configuration in config\/:\n {2}- api\.manageAccountLoggingRole: team-a and team-b both manage the API Gateway CloudWatch Logs role of account 123456789012 in eu-west-1, .*\nNothing was synthesized\.$/,
    );
    expect(fs.readdirSync(root).filter((name) => /team-|partial/.test(name))).toEqual([]);
    const twoAccounts = accountLoggingRoleOwners([owning("team-a"), owning("team-b", "210987654321")]);
    expect(twoAccounts).toHaveLength(2);
    expect(accountLoggingRoleConflicts(twoAccounts)).toEqual([]);
    expect(accountLoggingRoleResetNotice(twoAccounts[0])).toMatch(
      /^Note: team-a manages the API Gateway CloudWatch Logs role of account 123456789012 in eu-west-1 .*destroying its api stack resets that account-wide setting .*every REST stage with access logging in this account and region, other environments' and teams' included, fails to deploy/,
    );
  });

  test("an invalid configuration keeps the previous output whole and leaves nothing half-written", () => {
    synthEnvironment("dev", root);
    const before = folderDigest(environmentOutdir("dev", root));
    const document = environmentDocument("dev");
    document.backend.key = "shared.tfstate";
    fs.writeFileSync(path.join(root, "config", "dev.json"), JSON.stringify(document));
    expect(() => synthEnvironment("dev", root)).toThrow(
      /backend\.key: must contain both \{environment\} and \{stack\}/,
    );
    expect(folderDigest(environmentOutdir("dev", root))).toEqual(before);
    expect(fs.readdirSync(root).filter((name) => name.includes("partial"))).toEqual([]);
  });
});

describe("deterministic output for every environment and backend", () => {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-elsewhere-"));

  test.each(COMBINATIONS)(
    "$environment with $backend: the same JSON from two synths in two output folders, with no machine path",
    ({ environment, backend }) => {
      const config = environmentConfig(environment, backend);
      const first = synthToDirectory(config);
      const second = path.join(elsewhere, `${environment}-${backend}`, "nested", "cdktf.out");
      fs.mkdirSync(second, { recursive: true });
      synthToDirectoryUncached(config, second);
      const json = (folder: string) => new Map([...folderDigest(folder)].filter(([file]) => file.endsWith(".json")));
      expect(json(second)).toEqual(json(first));
      expect(STACK_ORDER.length).toBeGreaterThan(0);
      for (const stack of STACK_ORDER) {
        const text = fs.readFileSync(path.join(first, "stacks", stack, "cdk.tf.json"), "utf8");
        for (const machinePath of [`${os.tmpdir()}/`, `${os.homedir()}/`, PROJECT_ROOT, first])
          expect(text).not.toContain(machinePath);
      }
    },
  );
});
