// How a REST stage says that the account-and-region API Gateway CloudWatch Logs role its access logging needs is
// provided outside its stack (config: api.manageAccountLoggingRole = false). The review's
// rest-access-logging-role rule reads it; without it, the stage must wait for the stack's aws_api_gateway_account.
export const ACCOUNT_LOGGING_ROLE_TAG = "mtls:account-logging-role";
export const ACCOUNT_LOGGING_ROLE_OUTSIDE = "provided-outside-this-stack";

export const API_GATEWAY_ACCOUNT_SOURCE =
  "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html";

/** An environment whose api stack sets the account-and-region API Gateway setting (aws_api_gateway_account). */
export interface AccountLoggingRoleOwner {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * One line per account and region that more than one environment manages the setting of: there is one setting per
 * account and region, so the last apply takes it over and a destroy of either resets it for all.
 */
export function accountLoggingRoleConflicts(owners: readonly AccountLoggingRoleOwner[]): string[] {
  const byPlace = new Map<string, string[]>();
  for (const { environment, accountId, region } of owners) {
    const place = `account ${accountId} in ${region}`;
    byPlace.set(place, [...(byPlace.get(place) ?? []), environment]);
  }
  return [...byPlace]
    .filter(([, environments]) => environments.length > 1)
    .map(
      ([place, environments]) =>
        `api.manageAccountLoggingRole: ${environments.join(" and ")} both manage the API Gateway CloudWatch Logs role of ${place}, a setting AWS keeps once per account and region (${API_GATEWAY_ACCOUNT_SOURCE}): each apply takes it from the other and destroying either resets it for both; set it true in one environment and false in the others`,
    );
}

/** What destroying the owner's api stack does to everyone else in its account and region. */
export function accountLoggingRoleResetNotice(owner: AccountLoggingRoleOwner): string {
  return `Note: ${owner.environment} manages the API Gateway CloudWatch Logs role of account ${owner.accountId} in ${owner.region} (api.manageAccountLoggingRole): destroying its api stack resets that account-wide setting (reset_on_delete), so every REST stage with access logging in this account and region, other environments' and teams' included, fails to deploy until another stack sets a role.`;
}
