import { resourceRule } from "../resource-rule";
import { remoteStateReader } from "../state-identity";

export const remoteStateMatchesBackend = resourceRule({
  id: "remote-state-matches-backend",
  title: "Every terraform_remote_state reads the state another stack of this app writes, through the same backend",
  resourceTypes: { "data.terraform_remote_state": ["backend", "config"] },
  alsoReads: { terraform: ["backend", "cloud"] },
  fix: 'Read upstream outputs with this.upstream("<stack>") in the stack: it builds the reader from the same backend settings as the writer.',
  equivalents: {},
  check: (reader, app) => {
    const { identity, upstream } = remoteStateReader(app, reader);
    return upstream
      ? undefined
      : `reads ${identity ?? "an unreadable backend configuration"}, which no stack of this app writes: a stale or mistyped state location`;
  },
  passMessage: (reader, app) => {
    const { identity, upstream } = remoteStateReader(app, reader);
    return `reads the ${upstream} stack's state (${identity})`;
  },
});
