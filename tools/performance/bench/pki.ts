// npm run bench:pki: time for `pki init`, for issuing 100 client certificates (new key pairs, and CSRs), and for
// 100 CRL re-signs, the commit that is mostly file writes: each commit step is fsync'd (tools/pki/atomic-write.ts),
// and this row shows what that costs on this machine's disk.
import { generateKeyPairSync } from "node:crypto";
import * as path from "node:path";
import { selfManagedPkiSchema } from "../../../lib/config/pki-self-managed-schema";
import { PkiLayout } from "../../../lib/pki-folder/layout";
import { subtle, x509 } from "../../../lib/x509/peculiar-x509";
import { crl } from "../../pki/commands/crl";
import { init } from "../../pki/commands/init";
import { issue } from "../../pki/commands/issue";
import type { PkiContext } from "../../pki/context";
import { signatureParams } from "../../pki/crypto/algorithms";
import { signingKey, spki } from "../../pki/crypto/keys";
import { median, report, scratchFolder, timed, runBenchmark } from "./measure";

const CLIENTS = 100;
const INIT_RUNS = 5;

function context(keyAlgorithm: string, signingAlgorithm: string, clientKeyAlgorithm = "RSA_2048"): PkiContext {
  const settings = selfManagedPkiSchema.parse({
    mode: "self-managed",
    keyAlgorithm,
    signingAlgorithm,
    rootCa: { subject: { commonName: "Bench Root" } },
    issuingCa: { subject: { commonName: "Bench Issuing" } },
    clientCertificates: { keyAlgorithm: clientKeyAlgorithm },
  });
  return { layout: new PkiLayout(path.join(scratchFolder("pki"), "pki")), settings, now: () => new Date() };
}

async function initMedian(keyAlgorithm: string, signingAlgorithm: string): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) runs.push((await timed(() => init(context(keyAlgorithm, signingAlgorithm)))).ms);
  return median(runs);
}

async function csrs(count: number): Promise<string[]> {
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    const keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: `CN=bench-csr-${i}`,
      keys: {
        privateKey: await signingKey(keys.privateKey, "SHA-256"),
        publicKey: await subtle.importKey("spki", spki(keys.publicKey), { name: "ECDSA", namedCurve: "P-256" }, true, [
          "verify",
        ]),
      },
      signingAlgorithm: signatureParams(keys.privateKey, "SHA-256"),
    });
    result.push(csr.toString("pem"));
  }
  return result;
}

async function issueMany(pki: PkiContext, csrPems?: string[]): Promise<number> {
  const { ms } = await timed(async () => {
    for (let i = 0; i < CLIENTS; i++) await issue(pki, { name: `client-${i}`, csrPem: csrPems?.[i] });
  });
  return ms;
}

async function main(): Promise<void> {
  const initEc = await initMedian("EC_prime256v1", "SHA256WITHECDSA");
  const initRsa = await initMedian("RSA_2048", "SHA256WITHRSA");
  const rsaClients = context("EC_prime256v1", "SHA256WITHECDSA", "RSA_2048");
  await init(rsaClients);
  const withRsaKeys = await issueMany(rsaClients);
  const ecClients = context("EC_prime256v1", "SHA256WITHECDSA", "EC_prime256v1");
  await init(ecClients);
  const withEcKeys = await issueMany(ecClients);
  const fromCsr = context("EC_prime256v1", "SHA256WITHECDSA");
  await init(fromCsr);
  const fromCsrs = await issueMany(fromCsr, await csrs(CLIENTS));
  const { ms: resigns } = await timed(async () => {
    for (let i = 0; i < CLIENTS; i++) await crl(fromCsr);
  });
  const perCertificate = (ms: number) => `${(ms / 1000).toFixed(2)} s (${(ms / CLIENTS).toFixed(1)} ms each)`;
  report("pki benchmarks", [
    [`pki init, EC P-256 CAs (median of ${INIT_RUNS})`, `${initEc.toFixed(0)} ms`],
    [`pki init, RSA-2048 CAs (median of ${INIT_RUNS})`, `${initRsa.toFixed(0)} ms`],
    [`issue ${CLIENTS} clients, new RSA-2048 key pairs`, perCertificate(withRsaKeys)],
    [`issue ${CLIENTS} clients, new EC P-256 key pairs`, perCertificate(withEcKeys)],
    [`issue ${CLIENTS} clients from CSRs`, perCertificate(fromCsrs)],
    [`re-sign the CRL ${CLIENTS} times (pki crl: 3 files per commit)`, perCertificate(resigns)],
  ]);
}

runBenchmark("bench:pki", "time pki init and issuing 100 client certificates", main);
