// PKCS#12 by OpenSSL's own writer (`openssl pkcs12 -export`): it stores the certificates' DER as issued and
// the key as given, and its files are the ones Java, Python, curl and the OS key stores are tested against.
// The key and the certificates go in on stdin and the password through the child's environment, so neither
// reaches the disk nor a command line (which `ps` shows to every user). See docs/client-handover.md.
import { spawnSync } from "node:child_process";
import { PkiError } from "../../../lib/pki-folder/errors";
import { CannotCheckError } from "../../../lib/user-error";

/**
 * How the file is protected. `modern`: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and the
 * certificates, an HMAC-SHA256 integrity MAC (OpenSSL 3's defaults, spelt out so that OpenSSL 1.1.1 writes the
 * same). `legacy`: PKCS#12 PBE with 3DES and a SHA-1 MAC, for clients that read nothing newer (Java 8 before
 * 8u301, Java 11 before 11.0.12, Windows before Server 2019 / Windows 10 1709).
 */
export type Pkcs12Protection = "modern" | "legacy";

/** Each protection: the `openssl pkcs12 -export` options that give it, and how messages name it. */
export const PKCS12_PROTECTION: Record<
  Pkcs12Protection,
  { readonly options: readonly string[]; readonly label: string }
> = {
  modern: {
    options: ["-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC", "-macalg", "sha256"],
    label: "AES-256, SHA-256 MAC",
  },
  legacy: {
    options: ["-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"],
    label: "legacy 3DES, SHA-1 MAC",
  },
};

export interface Pkcs12Contents {
  /** PEM private key (PKCS#8, not encrypted), matching the first certificate. */
  readonly keyPem: string;
  /** PEM certificates: the client's own first, then the CAs a client should send with it. */
  readonly certificatesPem: string;
  readonly password: string;
  /** The key entry's alias in Java's KeyStore and the label key stores show. */
  readonly friendlyName: string;
  /** @default "modern" */
  readonly protection?: Pkcs12Protection;
}

const PASSWORD_VARIABLE = "PKCS12_EXPORT_PASSWORD";

/** The PKCS#12 file's bytes. */
export function buildPkcs12(contents: Pkcs12Contents): Buffer {
  const args = [
    "pkcs12",
    "-export",
    "-name",
    contents.friendlyName,
    "-passout",
    `env:${PASSWORD_VARIABLE}`,
    ...PKCS12_PROTECTION[contents.protection ?? "modern"].options,
  ];
  const run = spawnSync("openssl", args, {
    input: contents.keyPem + contents.certificatesPem,
    env: { ...process.env, [PASSWORD_VARIABLE]: contents.password },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 30_000,
  });
  const failure = (run.error as NodeJS.ErrnoException | undefined)?.code;
  if (failure === "ENOENT") {
    throw new CannotCheckError(
      `cannot run openssl (ENOENT): pki export writes PKCS#12 with \`openssl pkcs12 -export\` (OpenSSL 1.1.1 or later); install it (apt-get install openssl, brew install openssl@3) and run the export again`,
    );
  }
  if (failure) {
    throw new CannotCheckError(
      `openssl pkcs12 -export did not finish (${failure}); nothing was written, run the export again`,
    );
  }
  if (run.status !== 0 || run.stdout.length === 0) {
    const reason = run.stderr.toString().trim().split("\n")[0] || `exit ${run.status}`;
    throw new PkiError(
      `openssl pkcs12 -export refused the client's key and certificate (${reason}); nothing was written`,
    );
  }
  return run.stdout;
}
