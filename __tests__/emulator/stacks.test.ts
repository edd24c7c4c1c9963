// The emulator layer (npm run test:emulator, outside npm test): both HTTP API variants (ACM Private CA and
// self-managed PKI) applied for real against moto, stack by stack, each reading its upstream's state from the
// emulator's S3; what exists checked through the AWS SDK and npm run verify; a second plan; a revocation that the
// authorizer's own code, reading the emulator's S3, enforces; and everything destroyed. moto checks none of AWS's
// rules: this proves wiring and state, and every workaround it needs is a row of tools/emulator/moto-gaps.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ApiGatewayV2Client, GetApiCommand, GetDomainNameCommand } from "@aws-sdk/client-apigatewayv2";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeCertificateAuthorityCommand, ACMPCAClient } from "@aws-sdk/client-acm-pca";
import { PATCHES } from "../../tools/emulator/emulator-proxy";
import { MOTO_GAPS } from "../../tools/emulator/moto-gaps";
import { runToolAsync } from "../helpers/processes";
import { terraformLayerRuns } from "../helpers/terraform-layer";
import {
  applyAll,
  emulatorLayerAvailability,
  authorize,
  authorizerSettings,
  destroyAll,
  expectSucceeded,
  knownDrift,
  planChanges,
  resynthesize,
  terraformTimes,
  startEmulator,
  prepareVariant,
  variantTerraform,
  STATE_BUCKET,
  ZONE_NAME,
  type Emulator,
  type Variant,
  type VariantTerraform,
} from "../helpers/emulator";
import { STACK_ORDER, type StackName } from "../../lib/contract";
import { leftovers } from "../helpers/emulator-leftovers";
import { EMULATOR_VARIANTS } from "../helpers/emulator-variants";

const availability = emulatorLayerAvailability();

interface Deployed {
  readonly variant: Variant;
  readonly terraform: VariantTerraform;
  readonly outputs: Record<StackName, Record<string, any>>;
}

if (terraformLayerRuns("the emulator layer (apply against moto)", availability)) {
  describe("the stacks applied against moto", () => {
    let folder: string;
    let emulator: Emulator;
    const deployed: Record<string, Deployed> = {};
    const runs: VariantTerraform[] = [];
    const started = Date.now();

    beforeAll(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-emulator-"));
      // Ctrl-C or a kill: moto and the providers stop with this process's pipes; the run's folder goes here.
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
          fs.rmSync(folder, { recursive: true, force: true });
          process.kill(process.pid, signal);
        });
      }
      fs.mkdirSync(path.join(folder, "moto"));
      emulator = await startEmulator(path.join(folder, "moto"));
      const pki = path.join(folder, "self", "pki");
      for (const name of Object.keys(EMULATOR_VARIANTS)) fs.mkdirSync(path.join(folder, name));
      // The self-managed PKI, made by the PKI tool as a user would, before its stacks are synthesized.
      for (const args of [["init"], ["issue", "partner-a"], ["issue", "partner-b"]]) {
        const made = await runToolAsync("tools/pki/cli.ts", [...args, "--dir", pki], { MTLS_ENV: "self-managed" });
        expect({ args, status: made.status, stderr: made.stderr }).toEqual({
          args,
          status: 0,
          stderr: expect.any(String),
        });
      }
      await Promise.all(
        Object.entries(EMULATOR_VARIANTS).map(async ([name, document]) => {
          const variant = prepareVariant(path.join(folder, name), emulator, document(pki), `emu${name}`);
          const run = variantTerraform(variant, availability.available ? availability.env : {});
          runs.push(run);
          const outputs = await applyAll(variant, run, emulator);
          deployed[name] = { variant, terraform: run, outputs };
        }),
      );
      console.log(`applied both variants in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }, 600_000);

    afterAll(async () => {
      for (const run of runs) await run.stop();
      // What the run cost, by Terraform command: the figures docs/testing.md quotes.
      const seconds = new Map<string, number>();
      for (const entry of runs.flatMap((run) => run.log)) {
        seconds.set(entry.command, (seconds.get(entry.command) ?? 0) + entry.seconds);
      }
      const spent = [...seconds].map(([command, total]) => `${command} ${total.toFixed(1)} s`).join(", ");
      console.log(`Terraform time, both variants summed: ${spent}\n${runs.map(terraformTimes).join("\n")}`);
      await emulator?.stop();
      console.log(`proxy patches applied: ${JSON.stringify(emulator?.proxy.applied)}`);
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
    });

    test("both HTTP variants applied every stack, each reading its upstream's state from the emulator's S3", async () => {
      expect(Object.keys(deployed).sort()).toEqual(["pca", "self"]);
      const s3 = emulator.client(S3Client);
      for (const { variant, outputs } of Object.values(deployed)) {
        const keys = STACK_ORDER.map((stack) => `apigw-mtls/${variant.environment}/${stack}.tfstate`);
        for (const key of keys) await s3.send(new HeadObjectCommand({ Bucket: STATE_BUCKET, Key: key }));
        // Each downstream output that passes an upstream one through holds the upstream's value.
        expect(outputs.truststore.crl_bucket_name).toBe(outputs.pki.crl_bucket_name);
        expect(outputs.truststore.issuing_ca_certificates_pem).toEqual(outputs.pki.issuing_ca_certificates_pem);
        expect(outputs.dns.fqdn).toBe(outputs.api.domain_name);
      }
    });

    test("the domain: TLS_1_2, the truststore pinned to the S3 object's version, execute-api disabled", async () => {
      const apigateway = emulator.client(ApiGatewayV2Client);
      const s3 = emulator.client(S3Client);
      for (const { variant, outputs } of Object.values(deployed)) {
        const domain = await apigateway.send(new GetDomainNameCommand({ DomainName: variant.config.domain.name }));
        const object = await s3.send(
          new HeadObjectCommand({
            Bucket: outputs.truststore.truststore_bucket,
            Key: outputs.truststore.truststore_key,
          }),
        );
        expect(object.VersionId).toMatch(/\S/);
        expect({
          policy: domain.DomainNameConfigurations?.[0]?.SecurityPolicy,
          uri: domain.MutualTlsAuthentication?.TruststoreUri,
          version: domain.MutualTlsAuthentication?.TruststoreVersion,
        }).toEqual({
          policy: "TLS_1_2",
          uri: `s3://${outputs.truststore.truststore_bucket}/${outputs.truststore.truststore_key}`,
          version: object.VersionId,
        });
        expect(outputs.truststore.truststore_version).toBe(object.VersionId);
        expect(outputs.truststore.truststore_uri).toBe(domain.MutualTlsAuthentication?.TruststoreUri);
        const api = await apigateway.send(new GetApiCommand({ ApiId: outputs.api.api_id }));
        expect(api.DisableExecuteApiEndpoint).toBe(true);
      }
    });

    test("the authorizer reads each issuing CA's CRL where the pki stack puts it", async () => {
      const s3 = emulator.client(S3Client);
      for (const [name, { outputs }] of Object.entries(deployed)) {
        const settings = await authorizerSettings(emulator, outputs.api.api_id);
        expect(settings.crlBucket).toBe(outputs.pki.crl_bucket_name);
        expect(settings.issuers.map((issuer) => issuer.crlKey)).toEqual(Object.values(outputs.pki.crl_object_keys));
        expect(settings.issuers.length).toBeGreaterThan(0);
        if (name === "self") {
          for (const issuer of settings.issuers) {
            await s3.send(new HeadObjectCommand({ Bucket: settings.crlBucket, Key: issuer.crlKey }));
          }
        } else {
          // ACM Private CA writes crl/<CA id>.crl itself; moto writes nothing (moto-gaps.ts, acmpca-crl): the CA's
          // revocation configuration names the bucket and the key is the CA's.
          const ca = await emulator
            .client(ACMPCAClient)
            .send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: outputs.pki.issuing_ca_arn }));
          const crl = ca.CertificateAuthority?.RevocationConfiguration?.CrlConfiguration;
          expect({ enabled: crl?.Enabled, bucket: crl?.S3BucketName }).toEqual({
            enabled: true,
            bucket: settings.crlBucket,
          });
          expect(settings.issuers[0].crlKey).toBe(`crl/${outputs.pki.issuing_ca_arn.split("/").at(-1)}.crl`);
        }
      }
    });

    test("npm run verify against the emulator reports clean, and could-not-check in one line on a 500", async () => {
      for (const [name, { variant, outputs }] of Object.entries(deployed)) {
        const env = { ...emulator.toolEnv, MTLS_CONFIG: variant.configFile };
        const clean = await runToolAsync("tools/verify/cli.ts", [], env);
        // moto writes no ACM PCA CRL (moto-gaps.ts, acmpca-crl): verify rightly finds none in acm-pca mode.
        const crlKey = name === "pca" ? `crl/${String(outputs.pki.issuing_ca_arn).split("/").at(-1)}.crl` : "";
        const expected = name === "pca" ? [`s3://${outputs.pki.crl_bucket_name}/${crlKey}`] : [];
        const problems = clean.stdout.match(/^PROBLEM.*$/gm) ?? [];
        expect({
          status: clean.status,
          problems: problems.map((line) => /no CRL published yet at (\S+):/.exec(line)?.[1] ?? line),
        }).toEqual({ status: expected.length > 0 ? 1 : 0, problems: expected });
        expect(clean.stdout).toMatch(/^ok +truststore version: in use \S+ is the latest version/m);
      }
      emulator.proxy.failWith(500);
      try {
        const env = { ...emulator.toolEnv, MTLS_CONFIG: deployed.pca.variant.configFile };
        const failed = await runToolAsync("tools/verify/cli.ts", [], env);
        expect({ status: failed.status, stdout: failed.stdout }).toEqual({ status: 3, stdout: "" });
        expect(failed.stderr).toMatch(
          /^verify: AWS in eu-west-1 answered HTTP 500 \(\w+\): nothing was checked; run verify again later\n$/,
        );
      } finally {
        emulator.proxy.failWith(undefined);
      }
    });

    test("a second plan of every stack shows no change but the drift moto is known to cause", async () => {
      const unexpected: string[] = [];
      const tolerated = new Set<string>();
      await Promise.all(
        Object.values(deployed).map(async ({ variant, terraform: run }) => {
          for (const stack of variant.stacks) {
            const changes = await planChanges(stack, run);
            for (const change of changes) {
              const gap = knownDrift(change);
              if (gap) tolerated.add(gap);
              else
                unexpected.push(
                  `${variant.environment}/${stack.name}: ${change.address} ${change.actions.join(",")} (${change.attributes.join(", ")})`,
                );
            }
          }
        }),
      );
      console.log(`second plan: drift tolerated for ${[...tolerated].join(", ") || "nothing"}`);
      expect(unexpected).toEqual([]);
      // Every plan-drift row of the table stood for a change this run: none is dead weight.
      const driftRows = Object.entries(MOTO_GAPS).filter(([, gap]) => gap.kind === "plan drift");
      expect([...tolerated].sort()).toEqual(driftRows.map(([id]) => id).sort());
    });

    test("self-managed: a client revoked with npm run pki and applied is denied by the authorizer reading the emulator's S3", async () => {
      const { variant, terraform: run, outputs } = deployed.self;
      const pki = variant.config.pki.mode === "self-managed" ? variant.config.pki.directory! : "";
      const client = fs.readFileSync(path.join(pki, "clients", "partner-a.pem"), "utf8");
      const other = fs.readFileSync(path.join(pki, "clients", "partner-b.pem"), "utf8");
      expect(await authorize(emulator, outputs.api.api_id, client)).toBe(true);
      const revoked = await runToolAsync("tools/pki/cli.ts", ["revoke", "partner-a", "--dir", pki], {
        MTLS_ENV: "self-managed",
      });
      expect({ status: revoked.status, stderr: revoked.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      const again = resynthesize(variant, emulator);
      for (const stack of again.stacks.filter((each) => each.name === "pki" || each.name === "truststore")) {
        expectSucceeded(await run.run(stack, ["apply", "-input=false", "-auto-approve"]));
      }
      expect(await authorize(emulator, outputs.api.api_id, client)).toBe(false);
      expect(await authorize(emulator, outputs.api.api_id, other)).toBe(true);
    });

    test("destroying in reverse order leaves nothing behind", async () => {
      const seeded = { stateBucket: STATE_BUCKET, zoneName: ZONE_NAME };
      // Before: each listing sees what the stacks made of its type, so its empty answer after means something.
      const before = await leftovers(emulator, seeded);
      expect(Object.keys(before).length).toBeGreaterThan(8);
      expect(Object.entries(before).filter(([, found]) => found.length === 0)).toEqual([]);
      await Promise.all(Object.values(deployed).map(({ variant, terraform: run }) => destroyAll(variant, run)));
      const after = await leftovers(emulator, seeded);
      expect(Object.values(after).flat()).toEqual([]);
      // Every patch the proxy has stood in for something this run: none is dead weight.
      expect(Object.keys(emulator.proxy.applied).sort()).toEqual(Object.keys(PATCHES).sort());
      console.log(`whole run ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  });
}
