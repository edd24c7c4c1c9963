// The certificate authority, in one of two modes: ACM Private CA (lib/constructs/pki/acm-pca-authority.ts) or a CA
// the project's PKI tool manages in local files (lib/constructs/pki/self-managed-authority.ts). Either way the stack
// exports the same contract outputs, plus its mode's own (MODE_SPECIFIC_OUTPUTS in lib/contract.ts).
import type { Construct } from "constructs";
import { crlBucketName } from "../lib/config/names";
import type { Config } from "../lib/config/schema";
import { MtlsStack } from "../lib/mtls-stack";
import { AcmPcaAuthority } from "../lib/constructs/pki/acm-pca-authority";
import type { PkiAuthorityOutputs } from "../lib/constructs/pki/authority-outputs";
import { SelfManagedAuthority } from "../lib/constructs/pki/self-managed-authority";
import type { OutputName } from "../lib/contract";
import { accessRulesBytes } from "../lib/routes/access-rules";
import { grantsOfPkiNames } from "../lib/routes/issued-names";

export class PkiStack extends MtlsStack<"pki"> {
  constructor(scope: Construct, config: Config) {
    super(scope, "pki", config);
    const bucketName = crlBucketName(config);
    const authority =
      config.pki.mode === "acm-pca"
        ? new AcmPcaAuthority(this, "Default", { pki: config.pki, crlBucketName: bucketName })
        : new SelfManagedAuthority(this, "Default", {
            pki: config.pki,
            environment: config.environment,
            crlBucketName: bucketName,
            accessRulesBytes: accessRulesBytes(config),
            grantedPkiNames: grantsOfPkiNames(config),
          });
    this.exportOutputs(authority.outputs);
  }

  private exportOutputs(outputs: PkiAuthorityOutputs): void {
    for (const [name, value] of Object.entries(outputs)) {
      if (value !== undefined) this.output(name as OutputName<"pki">, value);
    }
  }
}
