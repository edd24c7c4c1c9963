// A proving ground on a free loopback port, serving a PKI made in the test, with every client the
// end-to-end tests need: trusted, expired, RSA-1024, SHA-1, from another CA, and revoked.
import * as fs from "node:fs";
import * as path from "node:path";
import type { PkiContext } from "../../tools/pki/context";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import { defaultGatewayFiles, readGatewayMaterial, type GatewayMaterial } from "../../tools/gateway/files";
import { issuersFromFiles, localAuthorizer } from "../../tools/gateway/local-authorizer";
import {
  startGateway,
  type AccessLogEntry,
  type GatewayOptions,
  type RunningGateway,
} from "../../tools/gateway/server";
import { createTestPki, DAY, signCustomClient, type CustomCertificate } from "./pki";

export interface ClientFiles extends CustomCertificate {
  /** Weak certificates: the client's own OpenSSL must be told to present them at all. */
  readonly weak?: boolean;
}

export interface ProvingGroundFixture {
  readonly pki: PkiContext;
  readonly material: GatewayMaterial;
  readonly truststore: string;
  /** An OpenSSL configuration that lowers the client's security level to 0 (OPENSSL_CONF). */
  readonly weakClientConfig: string;
  readonly clients: Record<"trusted" | "expired" | "rsa1024" | "sha1" | "stranger" | "revoked", ClientFiles>;
}

export function clientFiles(pki: PkiContext, name: string): ClientFiles {
  return { certificate: pki.layout.certificate("client", name), key: pki.layout.key("client", name) };
}

export async function provingGroundFixture(): Promise<ProvingGroundFixture> {
  const pki = await createTestPki();
  const stranger = await createTestPki();
  await Promise.all([issue(pki, { name: "localhost", kind: "server" }), issue(stranger, { name: "stranger" })]);
  await issue(pki, { name: "trusted" });
  await issue(pki, { name: "revoked" });
  await revoke(pki, { certificate: "revoked", reason: "keyCompromise" });
  const now = Date.now();
  const [expired, rsa1024, sha1] = await Promise.all([
    signCustomClient(pki, "expired", { notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - DAY) }),
    signCustomClient(pki, "rsa-1024", { key: { type: "rsa", modulusLength: 1024 } }),
    signCustomClient(pki, "sha-1", { hash: "SHA-1" }),
  ]);
  const weakClientConfig = path.join(pki.layout.root, "weak-client.cnf");
  fs.writeFileSync(
    weakClientConfig,
    [
      "openssl_conf = openssl_init",
      "[openssl_init]",
      "ssl_conf = ssl_section",
      "[ssl_section]",
      "system_default = system_default_section",
      "[system_default_section]",
      "CipherString = DEFAULT:@SECLEVEL=0",
      "",
    ].join("\n"),
  );
  return {
    pki,
    material: readGatewayMaterial(defaultGatewayFiles(pki.layout), pki.layout),
    truststore: pki.layout.truststore,
    weakClientConfig,
    clients: {
      trusted: clientFiles(pki, "trusted"),
      revoked: clientFiles(pki, "revoked"),
      stranger: clientFiles(stranger, "stranger"),
      expired,
      rsa1024: { ...rsa1024, weak: true },
      sha1: { ...sha1, weak: true },
    },
  };
}

export interface StartedGround {
  readonly gateway: RunningGateway;
  readonly log: AccessLogEntry[];
}

/** Starts the proving ground with the local authorizer (the real one once functions/authorizer is plugged in). */
export async function startProvingGround(
  fixture: Pick<ProvingGroundFixture, "pki" | "material">,
  options: Partial<GatewayOptions> = {},
): Promise<StartedGround> {
  const log: AccessLogEntry[] = [];
  const gateway = await startGateway({
    ...fixture.material,
    port: 0,
    authorize: localAuthorizer({
      issuers: issuersFromFiles(fixture.material, defaultGatewayFiles(fixture.pki.layout)),
      log: () => {},
    }),
    log: (entry) => log.push(entry),
    ...options,
  });
  return { gateway, log };
}
