// Synthesis in self-managed mode: no ACM Private CA, only public material from the PKI folder (no key file
// is even opened), the CRL uploaded where the outputs say, the linted bundle uploaded as is, and every
// problem with the PKI files stopping synthesis with the command that fixes it.
import { Testing } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildStacks } from "../../stacks/app";
import { outputsInMode, UPSTREAM, STACK_ORDER } from "../../lib/contract";
import { PkiError } from "../../lib/pki-folder/errors";
import type { PkiContext } from "../../tools/pki/context";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import { rotate } from "../../tools/pki/commands/rotate";
import { configFor } from "../helpers/config";
import {
  createTestPki,
  DAY,
  selfManagedConfig,
  selfManagedDocument,
  selfManagedSettings,
  testFolder,
} from "../helpers/pki";
import { runTool } from "../helpers/processes";
import { resourcesOf, synthStacks, type SynthesizedStacks } from "../helpers/synth";

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The base64 lines of every private key the PKI tool wrote. */
function keyMaterial(context: PkiContext): string[] {
  return filesUnder(context.layout.privateFolder).flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.length > 20 && !line.startsWith("-----")),
  );
}

describe("self-managed mode synthesis", () => {
  let context: PkiContext;
  let stacks: SynthesizedStacks;
  let filesRead: string[];

  beforeAll(async () => {
    context = await createTestPki();
    await issue(context, { name: "partner-a" });
    await issue(context, { name: "partner-b" });
    await issue(context, { name: "localhost", kind: "server" });
    await revoke(context, { certificate: "partner-b" });
    // The module object itself: every `import * as fs` in the project reads its properties at call time.
    const nodeFs = jest.requireActual<typeof fs>("node:fs");
    const readFileSync = nodeFs.readFileSync;
    filesRead = [];
    const spy = jest.spyOn(nodeFs, "readFileSync").mockImplementation(((
      file: fs.PathOrFileDescriptor,
      options?: unknown,
    ) => {
      filesRead.push(String(file));
      return (readFileSync as (...args: unknown[]) => unknown)(file, options);
    }) as typeof fs.readFileSync);
    try {
      stacks = synthStacks(selfManagedConfig(context.layout.root));
    } finally {
      spy.mockRestore();
    }
  });

  test("a route may grant a name the PKI tool issued a client under; a name it never issued stops synthesis, naming the field", () => {
    const granting = (clients: string[]) =>
      selfManagedConfig(context.layout.root, (document) => {
        document.api.clients = [{ name: "partner-z", subject: "CN=partner-z" }];
        document.api.routes = [
          { route: "$default", backend: { type: "echo" } },
          { route: "POST /payments", backend: { type: "echo" }, clients },
        ];
      });
    expect(() => buildStacks(Testing.app(), granting(["partner-a", "partner-z"]))).not.toThrow();
    // A server certificate's name is not a client's.
    const build = () => buildStacks(Testing.app(), granting(["partner-a", "parnter-b", "localhost"]));
    expect(build).toThrow(PkiError);
    expect(build).toThrow(
      new RegExp(
        [
          'api\\.routes\\[1\\]\\.clients\\[1\\]: "parnter-b" names no client: .*pki\\.json records no client certificate issued under that name and api\\.clients has none; check the spelling, or issue it first \\(`npm run pki -- issue parnter-b`\\)',
          'api\\.routes\\[1\\]\\.clients\\[2\\]: "localhost" names no client: .*`npm run pki -- issue localhost`\\)$',
        ].join("\n"),
      ),
    );
  });

  test("creates no ACM Private CA nor ACM certificate", () => {
    const types = Object.values(stacks).flatMap((stack) => Object.keys(stack.resource ?? {}));
    expect(types.filter((type) => type.startsWith("aws_acmpca"))).toEqual([]);
    expect(Object.keys(stacks.pki.resource).filter((type) => type.startsWith("aws_acm"))).toEqual([]);
  });

  test("reads the PKI folder's public files and never opens a key file", () => {
    const read = filesRead.filter((file) => file.startsWith(context.layout.root));
    expect(read).toEqual(
      expect.arrayContaining([context.layout.manifest, context.layout.truststore, context.layout.crlDer("issuing-1")]),
    );
    expect(read.filter((file) => file.startsWith(context.layout.privateFolder) || file.endsWith(".key.pem"))).toEqual(
      [],
    );
  });

  test("puts no private key material, and no machine path, in any stack", () => {
    const json = JSON.stringify(stacks);
    const material = keyMaterial(context);
    expect(material.length).toBeGreaterThan(10);
    expect(json).not.toMatch(/PRIVATE KEY/);
    for (const line of material) expect(json).not.toContain(line);
    expect(json).not.toContain(context.layout.root);
  });

  test("uploads the issuing CA's DER CRL to a private bucket, at the key the outputs name", () => {
    const crl = resourcesOf(stacks.pki, "aws_s3_object").crl_issuing_1;
    expect(crl).toMatchObject({
      bucket: "${aws_s3_bucket.crl_bucket.id}",
      key: "crl/issuing-1.crl",
      content_type: "application/pkix-crl",
      content_base64: fs.readFileSync(context.layout.crlDer("issuing-1")).toString("base64"),
    });
    expect(resourcesOf(stacks.pki, "aws_s3_bucket_public_access_block").crl_bucket_public_access_block).toMatchObject({
      block_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(stacks.pki.output.crl_object_key.value).toBe("${aws_s3_object.crl_issuing_1.key}");
    expect(stacks.pki.output.crl_object_keys.value).toEqual({ "issuing-1": "${aws_s3_object.crl_issuing_1.key}" });
    expect(stacks.pki.output.crl_bucket_name.value).toBe("${aws_s3_bucket.crl_bucket.bucket}");
  });

  test("exports the CA certificates the PKI tool wrote, and no client certificate ARN", () => {
    const pem = (ca: string) => fs.readFileSync(context.layout.caCertificate(ca), "utf8");
    expect(stacks.pki.output.root_ca_certificate_pem.value).toBe(pem("root-1"));
    expect(stacks.pki.output.issuing_ca_certificate_pem.value).toBe(pem("issuing-1"));
    expect(stacks.pki.output.issuing_ca_certificates_pem.value).toEqual({ "issuing-1": pem("issuing-1") });
    expect(stacks.pki.output.ca_chain_pem.value).toBe(pem("issuing-1") + pem("root-1"));
    expect(stacks.pki.output.client_certificate_arns.value).toEqual({});
  });

  test("exports the common outputs of the contract and self-managed's own; acm-pca exports its own", () => {
    expect(Object.keys(stacks.pki.output).sort()).toEqual(outputsInMode("pki", "self-managed").sort());
    expect(outputsInMode("pki", "self-managed")).not.toContain("issuing_ca_arn");
    const acmPca = synthStacks(configFor("http")).pki;
    expect(Object.keys(acmPca.output).sort()).toEqual(outputsInMode("pki", "acm-pca").sort());
  });

  test("downstream stacks read only outputs that their upstream exports in this mode", () => {
    expect(STACK_ORDER.length).toBeGreaterThan(0);
    for (const stack of STACK_ORDER) {
      const upstream = UPSTREAM[stack];
      if (!upstream) continue;
      const reads = [
        ...JSON.stringify(stacks[stack]).matchAll(
          new RegExp(`terraform_remote_state\\.${upstream}\\.outputs\\.(\\w+)`, "g"),
        ),
      ].map((m) => m[1]);
      for (const name of reads) expect(Object.keys(stacks[upstream].output)).toContain(name);
    }
  });

  test("the truststore stack uploads the bundle file byte for byte; it reads the pki stack only to pass on the CAs and CRL locations", () => {
    const bundle = resourcesOf(stacks.truststore, "aws_s3_object").truststore_bundle;
    expect(bundle.content).toBe(fs.readFileSync(context.layout.truststore, "utf8"));
    const reads = JSON.stringify(stacks.truststore).match(/data\.terraform_remote_state\.pki\.outputs\.[a-z_]+/g);
    expect([...new Set(reads)].sort()).toEqual([
      "data.terraform_remote_state.pki.outputs.crl_bucket_name",
      "data.terraform_remote_state.pki.outputs.crl_object_key",
      "data.terraform_remote_state.pki.outputs.crl_object_keys",
      "data.terraform_remote_state.pki.outputs.issuing_ca_certificate_pem",
      "data.terraform_remote_state.pki.outputs.issuing_ca_certificates_pem",
    ]);
  });
});

test("during an issuing CA rotation the authorizer is given both CAs, each with its own CRL", async () => {
  const context = await createTestPki();
  await rotate(context, "issuing");
  const pem = (ca: string) => fs.readFileSync(context.layout.caCertificate(ca), "utf8");
  const { pki } = synthStacks(selfManagedConfig(context.layout.root));
  expect(pki.output.issuing_ca_certificate_pem.value).toBe(pem("issuing-2"));
  expect(pki.output.issuing_ca_certificates_pem.value).toEqual({
    "issuing-1": pem("issuing-1"),
    "issuing-2": pem("issuing-2"),
  });
  expect(pki.output.crl_object_keys.value).toEqual({
    "issuing-1": "${aws_s3_object.crl_issuing_1.key}",
    "issuing-2": "${aws_s3_object.crl_issuing_2.key}",
  });
});

/** RSA CAs of the given key algorithm, and a PKI folder that rotated to a second issuing CA of them. */
function rsaCas(keyAlgorithm: "RSA_2048" | "RSA_4096") {
  const change = (pki: Record<string, any>) => {
    pki.keyAlgorithm = keyAlgorithm;
    pki.signingAlgorithm = "SHA256WITHRSA";
  };
  const rotated = async () => {
    const context = await createTestPki({ settings: selfManagedSettings(change) });
    await rotate(context, "issuing");
    return context;
  };
  return { change, rotated };
}

test("issuing CAs too large for the authorizer's environment stop synthesis, naming them and the fix", async () => {
  const { change: rsa4096, rotated } = rsaCas("RSA_4096");
  const context = await rotated();
  const config = selfManagedConfig(context.layout.root, (document) => rsa4096(document.pki));
  expect(() => synthStacks(config)).toThrow(
    /The issuing CAs in the bundle \(issuing-1, issuing-2\) take \d{4} bytes in the authorizer's MTLS_ISSUING_CAS variable, over the 3500 bytes .*retire the old CA/,
  );
});

test("the access rules take their share of the authorizer's environment: two RSA CAs fit beside few, not many", async () => {
  const { change: rsa2048, rotated } = rsaCas("RSA_2048");
  const context = await rotated();
  const routed = (count: number) =>
    selfManagedConfig(context.layout.root, (document) => {
      rsa2048(document.pki);
      document.api.clients = [{ name: "partner-a", subject: "CN=partner-a" }];
      document.api.routes = Array.from({ length: count }, (_, index) => ({
        route: `GET /resource-number-${String(index).padStart(3, "0")}/{proxy+}`,
        backend: { type: "echo" },
        clients: ["partner-a"],
      }));
    });
  expect(() => synthStacks(routed(1))).not.toThrow();
  expect(() => synthStacks(routed(25))).toThrow(
    /take \d{4} bytes in the authorizer's MTLS_ISSUING_CAS variable, over the \d{4} bytes Lambda's 4 KB environment leaves for it after the other settings and the 1\d{3} bytes of the access rules/,
  );
});

describe("self-managed mode synthesis stops on bad PKI files", () => {
  function synthError(directory: string): string {
    try {
      buildStacks(Testing.app(), selfManagedConfig(directory));
    } catch (error) {
      expect(error).toBeInstanceOf(PkiError);
      return (error as Error).message;
    }
    throw new Error("synthesis succeeded");
  }

  test("a folder without a PKI: run pki init", () => {
    const directory = path.join(testFolder("no-pki"), "pki");
    expect(synthError(directory)).toMatch(/pki\.json does not exist: create the CA with `npm run pki -- init`/);
  });

  test("a commit a PKI command left half done: run pki bundle to finish it", async () => {
    const context = await createTestPki();
    fs.writeFileSync(context.layout.journal, JSON.stringify({ renames: [] }));
    expect(synthError(context.layout.root)).toMatch(
      /pki\.journal\.json shows a PKI command was interrupted mid-commit, .*run `npm run pki -- bundle` .* to finish it/,
    );
  });

  test("a missing CRL: run pki crl", async () => {
    const context = await createTestPki();
    fs.rmSync(context.layout.crlDer("issuing-1"));
    expect(synthError(context.layout.root)).toMatch(/crl\/issuing-1\.crl is missing: run `npm run pki -- crl`/);
  });

  test("a CRL past its next update: run pki crl", async () => {
    const context = await createTestPki({ now: () => new Date(Date.now() - 10 * DAY) });
    expect(synthError(context.layout.root)).toMatch(
      /crl\/issuing-1\.crl expired at .*: an authorizer would refuse every client; run `npm run pki -- crl`/,
    );
  });

  test("a bundle without the active issuing CA: run pki bundle", async () => {
    const context = await createTestPki();
    fs.writeFileSync(context.layout.truststore, fs.readFileSync(context.layout.caCertificate("root-1")));
    expect(synthError(context.layout.root)).toMatch(
      /lacks the active issuing CA issuing-1, so API Gateway would refuse the certificates it issues: run `npm run pki -- bundle`/,
    );
  });

  test("a bundle with lint errors lists every error", async () => {
    const context = await createTestPki();
    const key = fs.readFileSync(context.layout.caKey("issuing-1"), "utf8");
    fs.writeFileSync(
      context.layout.truststore,
      fs.readFileSync(context.layout.caCertificate("issuing-1"), "utf8") + key,
    );
    const message = synthError(context.layout.root);
    expect(message).toMatch(
      /truststore\.pem has 2 error\(s\) that would make API Gateway warn or refuse clients; nothing was synthesized/,
    );
    expect(message).toContain("error [issuer-present]");
    expect(message).toContain("error [no-private-key]");
  });

  test("a bundle with warnings only synthesizes, with the warnings as annotations", async () => {
    const context = await createTestPki();
    const issuing = fs.readFileSync(context.layout.caCertificate("issuing-1"), "utf8");
    fs.writeFileSync(context.layout.truststore, issuing + fs.readFileSync(context.layout.truststore, "utf8"));
    const stacks = buildStacks(Testing.app(), selfManagedConfig(context.layout.root));
    const warnings = stacks.truststore.node.metadata
      .filter((entry) => entry.type === "@cdktf/warn")
      .map((entry) => String(entry.data));
    expect(warnings).toEqual([expect.stringContaining("warning [duplicate] certificate 2")]);
  });

  test("synth (main.ts) exits 2 with the message and writes no stack", async () => {
    const context = await createTestPki();
    fs.appendFileSync(context.layout.truststore, fs.readFileSync(context.layout.caKey("root-1")));
    const folder = testFolder("synth-main");
    const configFile = path.join(folder, "config.json");
    const document = selfManagedDocument();
    document.pki.directory = context.layout.root;
    fs.writeFileSync(configFile, JSON.stringify(document));
    const outdir = path.join(folder, "cdktf.out");
    const run = runTool("main.ts", [], { MTLS_CONFIG: configFile, CDKTF_OUTDIR: outdir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error [no-private-key]");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual([]);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
  });
});
