// npm run config:environments [-- --pki-mode self-managed]: the environments in config/, one per line, for scripts
// (the pull-request workflow loops over them). Each is validated on the way: an invalid one stops the list.
import { listEnvironments, loadConfig } from "../../lib/config/load";
import type { Config } from "../../lib/config/schema";
import { EXIT } from "../../lib/user-error";
import { command, type ToolDeclaration } from "../cli/declaration";
import { main } from "../cli/run";

export const CONFIG_ENVIRONMENTS: ToolDeclaration = {
  script: "config:environments",
  summary: "list the environments in config/, one per line",
  notes: ["exit status: 0 listed, 2 an invalid configuration (named)"],
  commands: [
    command({
      summary: "list the environments",
      options: {
        "pki-mode": {
          type: "enum",
          values: ["acm-pca", "self-managed"] satisfies Config["pki"]["mode"][],
          value: "MODE",
          description: "only those whose pki.mode is MODE",
        },
      },
      run: ({ values }) => {
        for (const environment of listEnvironments()) {
          const config = loadConfig({ MTLS_ENV: environment });
          if (!values["pki-mode"] || config.pki.mode === values["pki-mode"]) console.log(environment);
        }
        return EXIT.ok;
      },
    }),
  ],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [CONFIG_ENVIRONMENTS];

if (require.main === module) main(CONFIG_ENVIRONMENTS);
