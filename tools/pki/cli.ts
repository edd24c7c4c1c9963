// npm run pki -- <command>: the self-managed certificate authority. See `help` and docs/self-managed-pki.md.
// Each command declares its options beside its code (tools/pki/commands/<command>.ts, as cfssl's cli/<cmd>);
// this file lists them. Exit status (tools/cli convention): 0 done; 1 status found something that needs action;
// 2 bad usage or input (nothing was written); 3 the file system or openssl refused.
import type { ToolDeclaration } from "../cli/declaration";
import { main } from "../cli/run";
import { SHARED_OPTIONS } from "./command-line";
import { BUNDLE_COMMAND } from "./commands/bundle";
import { CRL_COMMAND } from "./commands/crl";
import { EXPORT_COMMAND } from "./commands/export";
import { INIT_COMMAND } from "./commands/init";
import { ISSUE_COMMAND, SERVER_COMMAND } from "./commands/issue";
import { RETIRE_COMMAND } from "./commands/retire";
import { REVOKE_COMMAND } from "./commands/revoke";
import { ROTATE_COMMAND } from "./commands/rotate";
import { STATUS_COMMAND } from "./commands/status";

export const PKI: ToolDeclaration = {
  script: "pki",
  summary: "the self-managed certificate authority",
  sharedOptions: SHARED_OPTIONS,
  notes: [
    "The configuration comes from --env, MTLS_CONFIG or MTLS_ENV, as for synth; its pki.mode must be self-managed.",
    "exit status: 0 done, 1 status found something that needs action, 2 bad usage or input (nothing was written), 3 the file system or openssl refused (nothing half-written)",
  ],
  commands: [
    INIT_COMMAND,
    ISSUE_COMMAND,
    SERVER_COMMAND,
    REVOKE_COMMAND,
    CRL_COMMAND,
    BUNDLE_COMMAND,
    STATUS_COMMAND,
    ROTATE_COMMAND,
    EXPORT_COMMAND,
    RETIRE_COMMAND,
  ],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [PKI];

if (require.main === module) main(PKI);
