import type { TerraformElement } from "cdktf";

/**
 * Names one element explicitly, for the rare case its construct path cannot give the name (lib/logical-ids.ts
 * names everything else). Say why beside each use.
 */
export function named<T extends TerraformElement>(element: T, logicalId: string): T {
  element.overrideLogicalId(logicalId);
  return element;
}
