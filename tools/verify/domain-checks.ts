import type { DeployedDomain } from "./deployed-domain";
import { ok, problem, warning, type CheckResult } from "./result";

const STATUS_FIX: Record<string, string> = {
  PENDING_OWNERSHIP_VERIFICATION:
    "API Gateway cannot verify that you own the domain: the ownership verification certificate must be a public ACM certificate for the same domain, ISSUED (api.serverCertificate.ownershipVerificationCertificateArn)",
  PENDING_CERTIFICATE_REIMPORT:
    "the imported server certificate changed or expired: re-import it into ACM under the same ARN, then API Gateway picks it up",
  FAILED:
    "API Gateway could not set the domain up: read the status message, fix the cause and apply the api stack again",
  PENDING: "API Gateway is still creating the domain: run verify again in a few minutes",
};

export function checkDomainStatus(domain: DeployedDomain): CheckResult {
  const detail = domain.statusMessage ? ` (${domain.statusMessage})` : "";
  if (domain.status === "AVAILABLE") return ok("domain status", "AVAILABLE");
  if (domain.status === "UPDATING") {
    return warning("domain status", `UPDATING${detail}: a change is rolling out; run verify again in a few minutes`);
  }
  return problem(
    "domain status",
    `${domain.status}${detail}: ${STATUS_FIX[domain.status] ?? "the domain is not serving; see the API Gateway console"}`,
  );
}

/** API Gateway reports bad truststore certificates only as warnings when the domain is created or updated. */
export function checkTruststoreWarnings(domain: DeployedDomain): CheckResult {
  if (!domain.truststoreUri) {
    return problem("truststore warnings", "the domain has no truststore: mutual TLS is off");
  }
  if (domain.truststoreWarnings.length === 0) return ok("truststore warnings", "none");
  return problem(
    "truststore warnings",
    `API Gateway reported ${domain.truststoreWarnings.length} problem(s) with the truststore, and clients whose chain relies on those certificates are refused: ${domain.truststoreWarnings.join("; ")}. Fix the bundle (PEM CA certificates only, issuing CA then root, SHA-256 or stronger, RSA-2048+ or ECDSA P-256/P-384), then apply the truststore and api stacks.`,
  );
}
