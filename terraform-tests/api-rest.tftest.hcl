# The REST API is reachable only through its mTLS custom domain, pinned to the truststore stack's version,
# a new truststore version redeploys the stage, and every method goes through the client-certificate authorizer.

# The run against an empty truststore version is generated for both API types (emptyTruststoreVersionRun in
# __tests__/helpers/terraform/offline-stack.ts), from the upstream fixtures.

run "rest_api_applies_offline" {
  command = apply

  assert {
    condition     = aws_api_gateway_rest_api.rest_api.disable_execute_api_endpoint && one(aws_api_gateway_rest_api.rest_api.endpoint_configuration[0].types) == "REGIONAL"
    error_message = "The REST API must be REGIONAL with the execute-api endpoint disabled."
  }
  assert {
    condition     = aws_api_gateway_domain_name.custom_domain.security_policy == "TLS_1_2" && one(aws_api_gateway_domain_name.custom_domain.endpoint_configuration[0].types) == "REGIONAL"
    error_message = "The custom domain must be REGIONAL with TLS_1_2."
  }
  assert {
    condition     = aws_api_gateway_domain_name.custom_domain.mutual_tls_authentication[0].truststore_uri == data.terraform_remote_state.truststore.outputs.truststore_uri
    error_message = "The truststore URI must come from the truststore stack."
  }
  assert {
    condition     = aws_api_gateway_domain_name.custom_domain.mutual_tls_authentication[0].truststore_version == data.terraform_remote_state.truststore.outputs.truststore_version
    error_message = "The truststore version must be pinned to the truststore stack's output."
  }
  assert {
    condition     = aws_api_gateway_stage.rest_api_stage.deployment_id == aws_api_gateway_deployment.rest_api_deployment.id
    error_message = "The stage must serve the latest deployment."
  }
  assert {
    condition     = aws_api_gateway_base_path_mapping.custom_domain_base_path_mapping.stage_name == aws_api_gateway_stage.rest_api_stage.stage_name
    error_message = "The custom domain must map to the API's stage."
  }
  assert {
    condition     = output.regional_hosted_zone_id == aws_api_gateway_domain_name.custom_domain.regional_zone_id && output.api_type == "rest"
    error_message = "The outputs must expose the domain's regional target."
  }
  assert {
    condition = alltrue([
      for method in [aws_api_gateway_method.rest_api_root_method, aws_api_gateway_method.rest_api_proxy_method] :
      method.authorization == "CUSTOM" && method.authorizer_id == aws_api_gateway_authorizer.rest_api_authorizer.id
    ])
    error_message = "Every method must go through the client-certificate authorizer."
  }
  assert {
    condition     = aws_api_gateway_authorizer.rest_api_authorizer.type == "REQUEST" && aws_api_gateway_authorizer.rest_api_authorizer.authorizer_uri == aws_lambda_function.authorizer.invoke_arn
    error_message = "The authorizer must be a REQUEST authorizer calling the authorizer function."
  }
  assert {
    condition     = aws_lambda_permission.rest_api_invoke_authorizer.source_arn == "${aws_api_gateway_rest_api.rest_api.execution_arn}/authorizers/${aws_api_gateway_authorizer.rest_api_authorizer.id}"
    error_message = "The authorizer's invoke permission must be scoped to this API's authorizer."
  }
  assert {
    condition     = aws_lambda_function.authorizer.environment[0].variables["MTLS_ISSUING_CAS"] == jsonencode(data.terraform_remote_state.truststore.outputs.issuing_ca_certificates_pem) && aws_lambda_function.authorizer.tracing_config[0].mode == "Active"
    error_message = "The authorizer must trust the issuing CAs the truststore stack names, with X-Ray tracing on."
  }
}
