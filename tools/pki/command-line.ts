// What every PKI command's declaration shares (tools/pki/commands/<command>.ts declares its own options beside its
// code; tools/pki/cli.ts lists the commands): the shared options, the context they choose, and printing a result.
import * as fs from "node:fs";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import { PkiError } from "../../lib/pki-folder/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki-folder/layout";
import { PROJECT_ROOT } from "../../lib/project-root";
import { localStateFile } from "../../lib/state/location";
import {
  command,
  ENV_OPTION,
  type CommandDeclaration,
  type CommandInput,
  type OptionDeclarations,
  type OptionValues,
} from "../cli/declaration";
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

/** The shared options' values, which the frame hands every command beside its own (tools/cli/run.ts). */
type Shared = OptionValues<typeof SHARED_OPTIONS>;

/** Declares a PKI command: `run` sees its own options' values and the shared ones beside them, each typed. */
export function pkiCommand<const O extends OptionDeclarations>(
  declaration: Omit<CommandDeclaration<O>, "run"> & {
    readonly run: (input: CommandInput<O> & { readonly values: Shared }) => Promise<number> | number;
  },
): CommandDeclaration {
  return command<O>(declaration as CommandDeclaration<O>);
}

function selfManagedSettings(values: Shared): {
  settings: SelfManagedPkiConfig;
  layout: PkiLayout;
  deployedState?: string;
} {
  const config = loadChosenConfig(chooseEnvironment(values.env));
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the PKI tool manages self-managed CAs only; set pki.mode to "self-managed" or pick another environment with --env or MTLS_ENV (e.g. --env self-managed)`,
    );
  }
  return {
    settings: config.pki,
    layout: pkiLayoutFor({ environment: config.environment, pki: config.pki }),
    deployedState:
      config.backend.type === "local" ? localStateFile(PROJECT_ROOT, config.environment, "pki") : undefined,
  };
}

function passphrase(values: Shared): Pick<PkiContext, "passphrase" | "passphraseSource"> {
  const file = values["passphrase-file"];
  if (file) {
    try {
      const text = fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
      return { passphrase: text, passphraseSource: `the passphrase in ${shownPath(file)} (--passphrase-file)` };
    } catch {
      throw new PkiError(
        `cannot read the passphrase file ${shownPath(file)}: check the path given to --passphrase-file`,
      );
    }
  }
  return { passphrase: process.env.MTLS_PKI_PASSPHRASE || undefined, passphraseSource: "MTLS_PKI_PASSPHRASE" };
}

/** The context the shared options choose: the environment's PKI folder (or --dir), its settings, the passphrase. */
export function pkiContext(values: Shared): PkiContext {
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
