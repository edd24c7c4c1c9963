/**
 * The exit-code convention of every tool (tools/cli): 0 ok, 1 findings (a rule failed, a problem was found),
 * 2 a usage or input error (nothing was done), 3 could not check (no credentials, no Terraform, an unexpected
 * failure).
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, couldNotCheck: 3 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A mistake the user can fix, or a check that could not run: the command-line frame prints the message alone
 * (no stack trace) and exits with the error's code. The message says what was wrong and what to do.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A wrong command line: an unknown option, a missing argument, a value out of range. */
export class UsageError extends UserError {}

/** Something the check needs is missing (credentials, Terraform): nothing was checked. */
export class CannotCheckError extends UserError {
  constructor(message: string) {
    super(message, EXIT.couldNotCheck);
  }
}
