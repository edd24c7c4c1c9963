import { UserError } from "../user-error";

/**
 * A problem with the self-managed PKI that the user can fix (a missing or stale file, a wrong passphrase, an
 * unknown serial). Every tool prints the message alone and exits 2 (input error), having written nothing.
 */
export class PkiError extends UserError {}
