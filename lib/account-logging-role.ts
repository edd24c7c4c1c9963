// How a REST stage says that the account-and-region API Gateway CloudWatch Logs role its access logging needs is
// provided outside its stack (config: api.manageAccountLoggingRole = false). The review's
// rest-access-logging-role rule reads it; without it, the stage must wait for the stack's aws_api_gateway_account.
export const ACCOUNT_LOGGING_ROLE_TAG = "mtls:account-logging-role";
export const ACCOUNT_LOGGING_ROLE_OUTSIDE = "provided-outside-this-stack";
