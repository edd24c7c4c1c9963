import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import type { Config } from "../config/schema";

export interface ServerCertificateProps {
  readonly domainName: string;
  readonly hostedZoneId: string;
  readonly settings: Config["api"]["serverCertificate"];
}

/**
 * The certificate the custom domain presents. With source "acm", ACM issues it and Terraform waits until the
 * DNS validation records in the zone have made it ISSUED, so the domain is never created with a pending
 * certificate.
 */
export class ServerCertificate extends Construct {
  readonly certificateArn: string;
  /** Set for imported or private certificates: API Gateway verifies domain ownership with it. */
  readonly ownershipVerificationCertificateArn?: string;

  constructor(scope: Construct, id: string, props: ServerCertificateProps) {
    super(scope, id);
    const settings = props.settings;
    if (settings.source !== "acm") {
      this.certificateArn = settings.certificateArn;
      if (settings.source !== "existing") {
        this.ownershipVerificationCertificateArn = settings.ownershipVerificationCertificateArn;
      }
      return;
    }

    const certificate = new AcmCertificate(this, "Resource", {
      domainName: props.domainName,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    const validationOptions = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation_record", {
      forEach: validationOptions,
      zoneId: props.hostedZoneId,
      name: validationOptions.getString("resource_record_name"),
      type: validationOptions.getString("resource_record_type"),
      records: [validationOptions.getString("resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.certificateArn = validation.certificateArn;
  }
}
