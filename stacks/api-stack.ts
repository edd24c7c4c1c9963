// The API: the configured routes (default: the echo Lambda on $default) behind an HTTP (default) or REST API whose
// only way in is a regional custom domain with mutual TLS, pinned to the truststore version the truststore stack published. Every route goes
// through the authorizer, which refuses certificates the issuing CA's CRL revokes.
import type { Construct } from "constructs";
import type { Config } from "../lib/config/schema";
import { DEFAULT_ROUTES, type MtlsApi } from "../lib/constructs/api-common";
import { accessRules, restrictsClients } from "../lib/routes/access-rules";
import { CertificateAuthorizer } from "../lib/constructs/certificate-authorizer";
import { HttpMtlsApi } from "../lib/constructs/http-mtls-api";
import { MtlsCustomDomain } from "../lib/constructs/mtls-custom-domain";
import { NodeFunction } from "../lib/constructs/node-function";
import { RestMtlsApi } from "../lib/constructs/rest-mtls-api";
import { ServerCertificate } from "../lib/constructs/server-certificate";
import { MtlsStack } from "../lib/mtls-stack";

export class ApiStack extends MtlsStack<"api"> {
  constructor(scope: Construct, config: Config) {
    super(scope, "api", config);
    const truststore = this.upstream();
    const truststoreVersion = truststore.string("truststore_version");
    const apiName = `mtls-${config.environment}`;

    const routes = config.api.routes ?? DEFAULT_ROUTES;
    const echo = routes.some((route) => route.backend.type === "echo")
      ? new NodeFunction(this, "echo", {
          functionName: `${apiName}-echo`,
          source: "echo",
          logRetentionDays: config.api.logRetentionDays,
        })
      : undefined;
    const authorizer = new CertificateAuthorizer(this, "authorizer", {
      functionName: `${apiName}-authorizer`,
      issuingCaCertificatesPem: truststore.map("issuing_ca_certificates_pem"),
      crlBucketName: truststore.string("crl_bucket_name"),
      crlObjectKeys: truststore.map("crl_object_keys"),
      settings: config.api.authorizer,
      access: accessRules(config, config.api.type),
      logRetentionDays: config.api.logRetentionDays,
    });
    const apiProps = {
      name: apiName,
      stageName: config.api.stageName,
      backend: echo?.function,
      routes,
      vpcLinks: config.api.vpcLinks,
      authorizer: {
        function: authorizer.function,
        resultCacheTtlSeconds: config.api.authorizer.resultCacheTtlSeconds,
        perRoute: restrictsClients(config),
      },
      logRetentionDays: config.api.logRetentionDays,
    };
    const api: MtlsApi =
      config.api.type === "http"
        ? new HttpMtlsApi(this, "http_api", apiProps)
        : new RestMtlsApi(this, "rest_api", {
            ...apiProps,
            truststoreVersion,
            // Config refuses a REST API that leaves this unset.
            manageAccountLoggingRole: config.api.manageAccountLoggingRole === true,
          });

    const certificate = new ServerCertificate(this, "server_certificate", {
      domainName: config.domain.name,
      hostedZoneId: config.domain.hostedZoneId,
      settings: config.api.serverCertificate,
    });
    const domain = new MtlsCustomDomain(this, "custom_domain", {
      apiType: config.api.type,
      domainName: config.domain.name,
      certificateArn: certificate.certificateArn,
      ownershipVerificationCertificateArn: certificate.ownershipVerificationCertificateArn,
      truststore: { uri: truststore.string("truststore_uri"), version: truststoreVersion },
      ipAddressType: config.domain.ipAddressType,
    });
    domain.mapApi(api);

    this.output("api_id", api.apiId);
    this.output("api_type", config.api.type);
    this.output("domain_name", config.domain.name);
    this.output("regional_domain_name", domain.regionalDomainName);
    this.output("regional_hosted_zone_id", domain.regionalHostedZoneId);
    this.output("endpoint_url", `https://${config.domain.name}`);
  }
}
