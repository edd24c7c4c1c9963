import type { TerraformElement } from "cdktf";

/**
 * cdktf names resources inside a construct "<path>_<hash>". Reviewers read these names in every plan and
 * pull request, so constructs give their resources the plain name instead (unique within the stack).
 */
export function named<T extends TerraformElement>(element: T, logicalId: string): T {
  element.overrideLogicalId(logicalId);
  return element;
}
