// One naming rule for Terraform addresses. cdktf names an element by its construct path plus a hash
// ("authorizer_log_group_1A2B3C4D"); reviewers read these names in every plan and pull request, so our stacks use
// the readable part alone: the construct ids below the stack joined by "_", leaving out "Default" and "Resource"
// (a construct's main resource takes the construct's name) and repeated neighbours, as cdktf itself does for that
// part. Without the hash two elements could get one name, so a clash is refused at synth.
import { TerraformDataSource, TerraformElement, TerraformResource, TerraformStack } from "cdktf";
import type { Node } from "constructs";

const HIDDEN = new Set(["Default", "Resource"]);

/** The readable logical id of an element at `path` (construct ids below its stack). */
export function readableLogicalId(path: readonly string[]): string {
  const shown = path.filter((id) => !HIDDEN.has(id));
  return shown.filter((id, index) => id !== shown[index - 1]).join("_");
}

function kindOf(element: TerraformElement): string {
  if (element instanceof TerraformDataSource) return `data.${element.terraformResourceType}`;
  if (element instanceof TerraformResource) return element.terraformResourceType;
  return element.constructor.name;
}

/** A stack whose Terraform elements are named by readableLogicalId (cdktf's documented hook for naming). */
export class ReadableStack extends TerraformStack {
  private allocated?: Map<string, string>;

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    // Assets and other non-elements keep cdktf's names (their folder names in the synth output).
    if (!TerraformElement.isTerraformElement(element)) return super.allocateLogicalId(element);
    const scopes = element.node.scopes;
    const id = readableLogicalId(scopes.slice(scopes.indexOf(this) + 1).map((scope) => scope.node.id));
    const key = `${kindOf(element)}.${id}`;
    this.allocated ??= new Map();
    const holder = this.allocated.get(key);
    if (holder !== undefined && holder !== element.node.path) {
      throw new Error(
        `Two ${kindOf(element)} would both be named "${id}" in stack ${this.node.id}: ${holder} and ${element.node.path}. Give one of them another construct id.`,
      );
    }
    this.allocated.set(key, element.node.path);
    return id;
  }
}
