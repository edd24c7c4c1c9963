/**
 * A problem with the self-managed PKI that the user can fix (a missing or stale file, a wrong passphrase, an
 * unknown serial). The PKI tool and main.ts print the message alone and exit 1, having written nothing.
 */
export class PkiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PkiError";
  }
}
