// What every PKI command works with: where the files are, the configuration's settings, the passphrase for
// the CA keys, and the clock (tests set it to issue expired certificates and cross thresholds).
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import type { PkiLayout } from "../../lib/pki-folder/layout";

export interface PkiContext {
  readonly layout: PkiLayout;
  readonly settings: SelfManagedPkiConfig;
  /** Encrypts new CA keys and decrypts existing ones; unset means unencrypted keys. */
  readonly passphrase?: string;
  /** Where the passphrase came from, as messages name it. @default "MTLS_PKI_PASSPHRASE" */
  readonly passphraseSource?: string;
  readonly now: () => Date;
  /** The pki stack's local Terraform state, where `status` finds the CRLs last deployed (local backend only). */
  readonly deployedState?: string;
}

/** Everything a command would write, and what it tells the user. */
export interface CommandResult {
  readonly lines: string[];
  /** Non-zero for status past its threshold. @default 0 */
  readonly exitCode?: number;
}
