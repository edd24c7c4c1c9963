// What every PKI command's declaration shares (tools/pki/commands/<command>.ts declares its own options beside its
// code; tools/pki/cli.ts lists the commands): the shared options, the context they choose, and printing a result.
import * as fs from "node:fs";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import { PkiError } from "../../lib/pki-folder/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki-folder/layout";
import { PROJECT_ROOT } from "../../lib/project-root";
import { localStateFile } from "../../lib/state/location";
import { ENV_OPTION, type OptionDeclarations, type OptionValues } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { shownPath } from "../cli/options";
import type { CommandResult, PkiContext } from "./context";

export const SHARED_OPTIONS = {
  ...ENV_OPTION,
  dir: {
    type: "path",
    kind: "folder",
    description: "PKI folder (default: pki.directory from the configuration, else pki/<environment>)",
  },
  "passphrase-file": {
    type: "path",
    kind: "file",
    description: "CA key passphrase (default: the MTLS_PKI_PASSPHRASE environment variable)",
  },
} as const satisfies OptionDeclarations;

// Every command receives the shared options beside its own.
type Shared = Partial<OptionValues<typeof SHARED_OPTIONS>>;

function selfManagedSettings(values: Shared): { settings: SelfManagedPkiConfig; layout: PkiLayout; deployedState?: string } {
  const config = loadChosenConfig(chooseEnvironment(values.env));
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the PKI tool manages self-managed CAs only; set pki.mode to "self-managed" or pick another environment with --env or MTLS_ENV (e.g. --env self-managed)`,
    );
  }
  return {
    settings: config.pki,
    layout: pkiLayoutFor({ environment: config.environment, pki: config.pki }),
    deployedState: config.backend.type === "local" ? localStateFile(PROJECT_ROOT, config.environment, "pki") : undefined,
  };
}

function passphrase(values: Shared): Pick<PkiContext, "passphrase" | "passphraseSource"> {
  const file = values["passphrase-file"];
  if (file) {
    try {
      const text = fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
      return { passphrase: text, passphraseSource: `the passphrase in ${shownPath(file)} (--passphrase-file)` };
    } catch {
      throw new PkiError(`cannot read the passphrase file ${shownPath(file)}: check the path given to --passphrase-file`);
    }
  }
  return { passphrase: process.env.MTLS_PKI_PASSPHRASE || undefined, passphraseSource: "MTLS_PKI_PASSPHRASE" };
}

/** A command's values: its own options, and the shared ones beside them. */
export function pkiContext(commandValues: object): PkiContext {
  const values = commandValues as Shared;
  const { settings, layout, deployedState } = selfManagedSettings(values);
  const common = { settings, ...passphrase(values), now: () => new Date() };
  // Another folder (--dir) is not the one the environment's pki stack deployed: its state says nothing of it.
  if (values.dir) return { ...common, layout: new PkiLayout(values.dir, shownPath(values.dir)) };
  return { ...common, layout, deployedState };
}

export function printed(result: CommandResult): number {
  console.log(result.lines.join("\n"));
  return result.exitCode ?? 0;
}
