// The mTLS posture of each custom domain, read from the synthesized JSON: what a reviewer needs to see to know
// that mutual TLS is still enforced, without reading the stacks.
import { missingClientCertFields, CLIENT_CERT_LOG_FIELDS } from "../../policies/rules/stage-access-logging-client-cert";
import { remoteStateReaders, stackState } from "../../policies/state-identity";
import { block, isExpression, resourcesOf, type ResourceRef } from "../../policies/terraform-json";
import type { SynthesizedApp } from "../../policies/types";
import { describeState } from "./state-description";

export interface DomainPosture {
  readonly stack: string;
  readonly resource: string;
  readonly domainName: string;
  readonly apiType: "http" | "rest";
  readonly securityPolicy: string;
  readonly endpointType: string;
  readonly truststoreUri: string;
  readonly truststoreUriSource: string;
  readonly truststoreVersion: string;
  /** Where the pinned version comes from, e.g. output truststore_version of stack truststore (<state>). */
  readonly truststoreVersionSource: string;
  /** APIs of the stack with execute-api still enabled; empty when every one is disabled. */
  readonly defaultEndpointEnabledOn: readonly string[];
  readonly routes: { readonly total: number; readonly open: readonly string[] };
  readonly accessLog: { readonly stages: number; readonly missingClientCertFields: readonly string[] };
  readonly backend: string;
}

const REMOTE_OUTPUT = /^\$\{data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)\}$/;

function valueSource(app: SynthesizedApp, stack: string, value: unknown, withState = true): string {
  if (typeof value !== "string" || value.trim() === "") return "not set";
  if (!isExpression(value)) return "literal in the stack";
  const remote = REMOTE_OUTPUT.exec(value);
  if (!remote) return `expression ${value}`;
  const reader = remoteStateReaders(app).find((candidate) => candidate.stack === stack && candidate.name === remote[1]);
  if (!reader?.upstream) return `output ${remote[2]} of a state no stack of this app writes (${reader?.identity})`;
  const state = stackState(app[reader.upstream]);
  if (!withState) return `output ${remote[2]} of stack ${reader.upstream}`;
  return `output ${remote[2]} of stack ${reader.upstream} (${state ? describeState(state) : "no backend block"})`;
}

function sameStack(app: SynthesizedApp, stack: string, ...types: string[]): ResourceRef[] {
  return resourcesOf(app, ...types).filter((resource) => resource.stack === stack);
}

function openRoutes(app: SynthesizedApp, stack: string): { total: number; open: string[] } {
  const routes = sameStack(app, stack, "aws_apigatewayv2_route", "aws_api_gateway_method");
  const open = routes.filter((route) => {
    const type = route.body.authorization_type ?? route.body.authorization ?? "NONE";
    const preflight = route.body.http_method === "OPTIONS" || String(route.body.route_key).startsWith("OPTIONS ");
    return type === "NONE" && !preflight;
  });
  return {
    total: routes.length,
    open: open.map((route) => `${route.body.route_key ?? route.body.http_method} (${route.address})`),
  };
}

export function domainPosture(app: SynthesizedApp): DomainPosture[] {
  return resourcesOf(app, "aws_apigatewayv2_domain_name", "aws_api_gateway_domain_name").map((domain) => {
    const http = domain.type === "aws_apigatewayv2_domain_name";
    const configuration = block(domain.body.domain_name_configuration);
    const mutualTls = block(domain.body.mutual_tls_authentication);
    const stages = sameStack(app, domain.stack, "aws_apigatewayv2_stage", "aws_api_gateway_stage");
    const missing = new Set(
      stages.length === 0
        ? CLIENT_CERT_LOG_FIELDS
        : stages.flatMap((stage) => missingClientCertFields(block(stage.body.access_log_settings)?.format)),
    );
    const state = stackState(app[domain.stack]);
    return {
      stack: domain.stack,
      resource: domain.address,
      domainName: String(domain.body.domain_name),
      apiType: http ? "http" : "rest",
      securityPolicy: String((http ? configuration?.security_policy : domain.body.security_policy) ?? "not set"),
      endpointType: String(
        (http ? configuration?.endpoint_type : block(domain.body.endpoint_configuration)?.types?.join(",")) ??
          "not set",
      ),
      truststoreUri: String(mutualTls?.truststore_uri ?? "none: mutual TLS is off"),
      truststoreUriSource: valueSource(app, domain.stack, mutualTls?.truststore_uri, false),
      truststoreVersion: String(mutualTls?.truststore_version ?? "not set"),
      truststoreVersionSource: valueSource(app, domain.stack, mutualTls?.truststore_version),
      defaultEndpointEnabledOn: sameStack(app, domain.stack, "aws_apigatewayv2_api", "aws_api_gateway_rest_api")
        .filter((api) => api.body.disable_execute_api_endpoint !== true)
        .map((api) => api.address),
      routes: openRoutes(app, domain.stack),
      accessLog: { stages: stages.length, missingClientCertFields: [...missing] },
      backend: state ? describeState(state) : "no backend block",
    };
  });
}
