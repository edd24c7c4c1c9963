// Is the default execute-api endpoint really closed? The API setting says so, and a plain request without a
// client certificate to https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/ confirms it: API Gateway
// answers 403 or 404 for a disabled endpoint (a REST API disables it only after a new deployment).
import type { MappedApi } from "./deployed-domain";
import { ok, problem, warning, type CheckResult } from "./result";

export type ExecuteApiUrl = (apiId: string, region: string, stage: string) => string;

export const awsExecuteApiUrl: ExecuteApiUrl = (apiId, region, stage) =>
  `https://${apiId}.execute-api.${region}.amazonaws.com/${stage}/`;

const CLOSED = [403, 404];

export async function checkExecuteApi(
  api: MappedApi,
  region: string,
  url: ExecuteApiUrl,
  timeoutMs = 5000,
): Promise<CheckResult> {
  const check = `execute-api endpoint of ${api.apiId}`;
  if (!api.executeApiDisabled) {
    return problem(
      check,
      "DisableExecuteApiEndpoint is false: clients can reach the API without a certificate. Apply the api stack.",
    );
  }
  const target = url(api.apiId, region, api.stage);
  let status: number;
  try {
    status = (await fetch(target, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" })).status;
  } catch (error) {
    return warning(
      check,
      `disabled in the API's settings; probing ${target} failed (${(error as Error).message}), so it is not confirmed`,
    );
  }
  return CLOSED.includes(status)
    ? ok(check, `disabled, and ${target} answers ${status}`)
    : problem(
        check,
        `disabled in the settings, yet ${target} answers ${status}: for a REST API the change takes effect only with a new deployment (apply the api stack)`,
      );
}
