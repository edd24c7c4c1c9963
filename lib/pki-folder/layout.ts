// Where the PKI tool keeps each file. Private keys live under private/ (owner-only), and nothing that reads
// public material at synth time has a reason to look there.
import * as path from "node:path";
import type { SelfManagedPkiConfig } from "../config/pki-schema";
import { PROJECT_ROOT } from "../project-root";

export class PkiLayout {
  constructor(
    /** Absolute path of the PKI folder. */
    readonly root: string,
    /** How messages name the folder: relative to the project root when inside it. */
    readonly displayRoot: string = root,
  ) {}

  /** Public record of the CAs and the certificates they issued, and of revocations. */
  get manifest(): string {
    return path.join(this.root, "pki.json");
  }

  /** The truststore bundle: issuing CA(s), then root(s). */
  get truststore(): string {
    return path.join(this.root, "truststore.pem");
  }

  /** Held by the PKI command that is changing the folder (O_EXCL file naming its holder). */
  get lock(): string {
    return path.join(this.root, "pki.lock");
  }

  /** Written before a multi-file commit renames anything, removed after: present means a commit was interrupted. */
  get journal(): string {
    return path.join(this.root, "pki.journal.json");
  }

  get privateFolder(): string {
    return path.join(this.root, "private");
  }

  caCertificate(ca: string): string {
    return path.join(this.root, "ca", `${ca}.pem`);
  }

  caKey(ca: string): string {
    return path.join(this.privateFolder, "ca", `${ca}.key.pem`);
  }

  crlDer(ca: string): string {
    return path.join(this.root, "crl", `${ca}.crl`);
  }

  crlPem(ca: string): string {
    return path.join(this.root, "crl", `${ca}.crl.pem`);
  }

  /** An end-entity certificate; the proving ground's server certificate file also holds the issuing CA. */
  certificate(kind: "client" | "server", name: string): string {
    return path.join(this.root, kind === "client" ? "clients" : "server", `${name}.pem`);
  }

  key(kind: "client" | "server", name: string): string {
    return path.join(this.privateFolder, kind === "client" ? "clients" : "server", `${name}.key.pem`);
  }

  /** A path as messages show it: under the displayed root. */
  display(file: string): string {
    const relative = path.relative(this.root, file).split(path.sep).join("/");
    return `${this.displayRoot}/${relative}`;
  }
}

export function defaultPkiDirectory(environment: string): string {
  return `pki/${environment}`;
}

/** The PKI folder of a self-managed configuration: relative paths start at the project root. */
export function pkiLayoutFor(
  config: { readonly environment: string; readonly pki: Pick<SelfManagedPkiConfig, "directory"> },
  root = PROJECT_ROOT,
): PkiLayout {
  const directory = config.pki.directory ?? defaultPkiDirectory(config.environment);
  const absolute = path.resolve(root, directory);
  return new PkiLayout(absolute, path.isAbsolute(directory) ? absolute : directory.replace(/\/+$/, ""));
}
