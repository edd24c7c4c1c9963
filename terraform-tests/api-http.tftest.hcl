# The HTTP API is reachable only through its mTLS custom domain, pinned to the truststore stack's version,
# and its one route goes through the client-certificate authorizer.

# The run against an empty truststore version is generated for both API types (emptyTruststoreVersionRun in
# __tests__/helpers/terraform/offline-stack.ts), from the upstream fixtures.

run "http_api_applies_offline" {
  command = apply

  assert {
    condition     = aws_apigatewayv2_api.http_api.disable_execute_api_endpoint
    error_message = "The default execute-api endpoint must be disabled."
  }
  assert {
    condition     = aws_apigatewayv2_domain_name.custom_domain.domain_name_configuration[0].security_policy == "TLS_1_2" && aws_apigatewayv2_domain_name.custom_domain.domain_name_configuration[0].endpoint_type == "REGIONAL"
    error_message = "The custom domain must be REGIONAL with TLS_1_2."
  }
  assert {
    condition     = aws_apigatewayv2_domain_name.custom_domain.mutual_tls_authentication[0].truststore_uri == data.terraform_remote_state.truststore.outputs.truststore_uri
    error_message = "The truststore URI must come from the truststore stack."
  }
  assert {
    condition     = aws_apigatewayv2_domain_name.custom_domain.mutual_tls_authentication[0].truststore_version == data.terraform_remote_state.truststore.outputs.truststore_version
    error_message = "The truststore version must be pinned to the truststore stack's output."
  }
  assert {
    condition     = aws_apigatewayv2_api_mapping.custom_domain_api_mapping.api_id == aws_apigatewayv2_api.http_api.id && aws_apigatewayv2_api_mapping.custom_domain_api_mapping.stage == aws_apigatewayv2_stage.http_api_stage.name
    error_message = "The custom domain must map to the API's stage."
  }
  assert {
    condition     = startswith(aws_lambda_permission.http_api_invoke_backend.source_arn, aws_apigatewayv2_api.http_api.execution_arn)
    error_message = "The invoke permission must be scoped to this API."
  }
  assert {
    condition     = output.regional_domain_name == aws_apigatewayv2_domain_name.custom_domain.domain_name_configuration[0].target_domain_name && output.api_type == "http"
    error_message = "The outputs must expose the domain's regional target."
  }
  assert {
    condition     = aws_apigatewayv2_route.http_api_default_route.authorization_type == "CUSTOM" && aws_apigatewayv2_route.http_api_default_route.authorizer_id == aws_apigatewayv2_authorizer.http_api_authorizer.id
    error_message = "Every route must go through the client-certificate authorizer."
  }
  assert {
    condition     = aws_apigatewayv2_authorizer.http_api_authorizer.authorizer_uri == aws_lambda_function.authorizer.invoke_arn && aws_apigatewayv2_authorizer.http_api_authorizer.enable_simple_responses && aws_apigatewayv2_authorizer.http_api_authorizer.authorizer_payload_format_version == "2.0"
    error_message = "The authorizer must call the authorizer function with payload 2.0 simple responses."
  }
  assert {
    condition     = aws_lambda_permission.http_api_invoke_authorizer.source_arn == "${aws_apigatewayv2_api.http_api.execution_arn}/authorizers/${aws_apigatewayv2_authorizer.http_api_authorizer.id}"
    error_message = "The authorizer's invoke permission must be scoped to this API's authorizer."
  }
  assert {
    condition     = aws_lambda_function.authorizer.environment[0].variables["MTLS_CRL_BUCKET"] == data.terraform_remote_state.truststore.outputs.crl_bucket_name && aws_lambda_function.authorizer.environment[0].variables["MTLS_CRL_KEYS"] == jsonencode(data.terraform_remote_state.truststore.outputs.crl_object_keys) && aws_lambda_function.authorizer.tracing_config[0].mode == "Active"
    error_message = "The authorizer must read the CRLs the truststore stack names, with X-Ray tracing on."
  }
}
