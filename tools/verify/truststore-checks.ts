// The truststore the domain uses: is it the newest object version, and how long do its CA certificates last?
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { X509Certificate } from "node:crypto";
import { splitPem } from "../../lib/truststore-lint/pem";
import { distinguishedName } from "../../lib/x509/names";
import type { VerifyClients } from "./clients";
import type { DeployedDomain } from "./deployed-domain";
import { daysUntil, expiryResult } from "./expiry";
import { ok, problem, type CheckResult } from "./result";

export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1], key: match[2] } : undefined;
}

export async function checkTruststoreVersion(clients: VerifyClients, domain: DeployedDomain): Promise<CheckResult> {
  const location = domain.truststoreUri ? parseS3Uri(domain.truststoreUri) : undefined;
  if (!location)
    return problem("truststore version", `cannot read the truststore URI ${JSON.stringify(domain.truststoreUri)}`);
  if (!domain.truststoreVersion) {
    return problem(
      "truststore version",
      "the domain is not pinned to a truststore version: it serves whatever bundle it read last",
    );
  }
  const latest = await clients.s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
  if (latest.VersionId === domain.truststoreVersion) {
    return ok(
      "truststore version",
      `in use ${domain.truststoreVersion} is the latest version of ${domain.truststoreUri}`,
    );
  }
  return problem(
    "truststore version",
    `the domain uses version ${domain.truststoreVersion} but the latest version of ${domain.truststoreUri} is ${latest.VersionId}: apply the api stack (npm run deploy -- <environment>) to pin the new bundle, or find out who uploaded it`,
  );
}

export function pemCertificates(bundle: string): X509Certificate[] {
  return splitPem(bundle)
    .blocks.filter((block) => block.label === "CERTIFICATE")
    .map((block) => new X509Certificate(block.text));
}

/** Days left on each CA certificate of the bundle version in use: what API Gateway verifies clients against. */
export async function checkTruststoreCertificates(
  clients: VerifyClients,
  domain: DeployedDomain,
  now: Date,
  minDays: number,
): Promise<CheckResult[]> {
  const location = domain.truststoreUri ? parseS3Uri(domain.truststoreUri) : undefined;
  if (!location) return [];
  const object = await clients.s3.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: domain.truststoreVersion }),
  );
  const certificates = pemCertificates((await object.Body?.transformToString()) ?? "");
  if (certificates.length === 0)
    return [problem("truststore certificates", "the truststore bundle holds no PEM certificate")];
  return certificates.map((certificate) =>
    expiryResult(
      `truststore CA ${distinguishedName(certificate.subject)}`,
      daysUntil(new Date(certificate.validTo), now),
      minDays,
    ),
  );
}
