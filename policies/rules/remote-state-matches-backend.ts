import { remoteStateReaders } from "../state-identity";
import { eachResource } from "../terraform-json";
import type { PolicyRule } from "../types";

export const remoteStateMatchesBackend: PolicyRule = {
  id: "remote-state-matches-backend",
  title: "Every terraform_remote_state reads the state another stack of this app writes, through the same backend",
  reads: ["data.terraform_remote_state.{backend,config}", "terraform.backend", "terraform.cloud"],
  fix: 'Read upstream outputs with this.upstream("<stack>") in the stack: it builds the reader from the same backend settings as the writer.',
  equivalents: {},
  check: (app) =>
    eachResource(
      remoteStateReaders(app),
      (reader) =>
        reader.upstream
          ? undefined
          : `reads ${reader.identity ?? "an unreadable backend configuration"}, which no stack of this app writes: a stale or mistyped state location`,
      (reader) => `reads the ${reader.upstream} stack's state (${reader.identity})`,
    ),
};
