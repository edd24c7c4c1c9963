// The post-deploy check of one environment: reads the deployed domain and what it depends on, and reports each
// finding as ok, warning or problem.
import type { Config } from "../../lib/config/schema";
import { checkAcmCertificate, checkPrivateCas } from "./certificate-checks";
import type { VerifyClients } from "./clients";
import { checkPublishedCrls } from "./crl-checks";
import { readDeployedDomain } from "./deployed-domain";
import { checkDomainStatus, checkTruststoreWarnings } from "./domain-checks";
import { awsExecuteApiUrl, checkExecuteApi, type ExecuteApiUrl } from "./execute-api-check";
import { problem, type CheckResult } from "./result";
import { checkTruststoreCertificates, checkTruststoreVersion } from "./truststore-checks";

export interface VerifyOptions {
  /** Fewer days left than this on a certificate is a problem. @default DEFAULT_MIN_DAYS */
  readonly minDays?: number;
  /** @default now */
  readonly now?: Date;
  /** Where the execute-api probe goes. @default https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/ */
  readonly executeApiUrl?: ExecuteApiUrl;
}

/** Fewer days left on a certificate or CA is a problem (npm run verify --min-days). */
export const DEFAULT_MIN_DAYS = 30;

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name === "NotFoundException" || error.name === "NotFound");
}

export async function verifyEnvironment(
  config: Config,
  clients: VerifyClients,
  options: VerifyOptions = {},
): Promise<CheckResult[]> {
  const minDays = options.minDays ?? DEFAULT_MIN_DAYS;
  const now = options.now ?? new Date();
  let domain;
  try {
    domain = await readDeployedDomain(clients, config.api.type, config.domain.name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return [
      problem(
        "domain",
        `${config.domain.name} (${config.api.type} API) does not exist in ${config.region}: apply the api stack`,
      ),
    ];
  }
  const results: CheckResult[] = [checkDomainStatus(domain), checkTruststoreWarnings(domain)];
  if (domain.truststoreUri) {
    results.push(await checkTruststoreVersion(clients, domain));
    results.push(...(await checkTruststoreCertificates(clients, domain, now, minDays)));
  }
  if (domain.apis.length === 0)
    results.push(problem("api mapping", "no API is mapped to the domain: apply the api stack"));
  for (const api of domain.apis) {
    results.push(await checkExecuteApi(api, config.region, options.executeApiUrl ?? awsExecuteApiUrl));
  }
  if (domain.certificateArn) {
    results.push(await checkAcmCertificate(clients, "server certificate", domain.certificateArn, now, minDays));
  }
  if (domain.ownershipVerificationCertificateArn) {
    results.push(
      await checkAcmCertificate(
        clients,
        "ownership verification certificate",
        domain.ownershipVerificationCertificateArn,
        now,
        minDays,
      ),
    );
  }
  if (config.pki.mode === "acm-pca")
    results.push(...(await checkPrivateCas(clients, config.environment, now, minDays, config.pki.clients.length > 0)));
  else results.push(...(await checkPublishedCrls(clients, { ...config, pki: config.pki }, now)));
  return results;
}
