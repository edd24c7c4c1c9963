import type { StackState } from "../../policies/state-identity";

/** One line a reviewer can read: where the stack's state lives and how it is locked. */
export function describeState(state: StackState): string {
  const settings = state.settings;
  switch (state.type) {
    case "local":
      return `local file ${String(settings.path).replace(/^(\.\.\/)+/, "")}`;
    case "s3": {
      const locks = [
        settings.use_lockfile ? "S3 lock file" : "",
        settings.dynamodb_table ? `DynamoDB ${settings.dynamodb_table}` : "",
      ]
        .filter(Boolean)
        .join(" + ");
      return `s3://${settings.bucket}/${settings.key} (${settings.region}, ${settings.encrypt ? "encrypted" : "NOT encrypted"}, ${locks || "NO locking"})`;
    }
    case "cloud":
      return `HCP Terraform ${settings.hostname ?? "app.terraform.io"}/${settings.organization}, workspace ${settings.workspaces?.name}`;
    default:
      return `${state.type} backend (${state.identity})`;
  }
}
