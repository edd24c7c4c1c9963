import { stringsWithPaths } from "../terraform-json";
import { EVERY_BLOCK } from "../reads";
import type { Finding, PolicyRule } from "../types";

const SECRET_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: "a PEM private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { name: "an AWS access key id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { name: "an AWS secret access key", pattern: /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}/i },
];

/** Attributes that hold credentials: a literal value in them is a secret in the repository. */
const SECRET_ATTRIBUTE = /(^|\.)(access_key|secret_key|token|password|private_key|private_key_pem|secret_string)$/;

export const noLiteralSecrets: PolicyRule = {
  id: "no-literal-secrets",
  title: "No private key, AWS credential or literal secret anywhere in the synthesized JSON",
  reads: { [EVERY_BLOCK]: ["every string value of every stack"] },
  fix: "Keep private keys in ACM Private CA, ACM or the PKI tool's key store and credentials in the environment; pass secrets by reference, never as literals.",
  equivalents: {
    checkov: ["CKV_AWS_41", "CKV_SECRET_*"],
    trivy: ["secret scanning: private-key, aws-access-key-id, aws-secret-access-key"],
  },
  check: (app) =>
    Object.entries(app).flatMap(([stack, json]): Finding[] => {
      const problems = stringsWithPaths(json).flatMap(({ path, value }) => {
        const found = SECRET_PATTERNS.filter(({ pattern }) => pattern.test(value)).map(({ name }) => name);
        if (SECRET_ATTRIBUTE.test(path) && value !== "" && !value.includes("${")) found.push("a literal credential");
        return found.map((what) => ({ stack, resource: path, passed: false, message: `holds ${what}` }));
      });
      return problems.length > 0
        ? problems
        : [{ stack, resource: "(whole stack)", passed: true, message: "no literal secret found" }];
    }),
};
