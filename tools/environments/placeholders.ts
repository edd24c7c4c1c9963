// The shipped environments carry placeholder domains and hosted zones so that they synthesize and plan anywhere.
// Deploying one would create billed resources (the CAs) and then fail on the DNS it cannot own: refuse first.
import type { Config } from "../../lib/config/schema";

/** RFC 2606 and RFC 6761 reserve these names for documentation and testing; nobody can delegate them to you. */
const RESERVED_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

/** The shipped configurations' hosted zone ids: a Z followed by the digits 0-9 in order. */
const PLACEHOLDER_ZONE = /^Z0123456789/;

/** The example account ids AWS's own documentation uses, which the shipped configurations carry. */
const PLACEHOLDER_ACCOUNTS = new Set(["123456789012", "111122223333", "444455556666"]);

/** One line per placeholder the configuration still carries; none when it names a real domain and zone. */
export function placeholderProblems(config: Config, source: string): string[] {
  const problems: string[] = [];
  if (RESERVED_DOMAIN.test(config.domain.name)) {
    problems.push(
      `${source}: domain.name "${config.domain.name}" is a placeholder (a reserved example domain, RFC 2606, that cannot be delegated to you): set the domain the API will serve.`,
    );
  }
  if (PLACEHOLDER_ZONE.test(config.domain.hostedZoneId)) {
    problems.push(
      `${source}: domain.hostedZoneId "${config.domain.hostedZoneId}" is the shipped placeholder: set the id of the public Route 53 hosted zone that holds domain.name.`,
    );
  }
  if (PLACEHOLDER_ACCOUNTS.has(config.accountId)) {
    problems.push(
      `${source}: accountId "${config.accountId}" is a placeholder (an example account id from AWS's documentation): set the id of the account this environment deploys to (aws sts get-caller-identity).`,
    );
  }
  return problems;
}
