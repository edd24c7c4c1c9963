// AWS's own list of regions: the partition data the AWS SDK ships (@aws-sdk/core), not a list kept by hand. A
// region the SDK lists carries a description ("Europe (Ireland)"); a code that only fits a partition's pattern
// (eu-wset-1) does not, and is refused with a listed code one typing slip away when there is one.
import { partition } from "@aws-sdk/core/client";

export function isKnownRegion(code: string): boolean {
  const listed = (partition(code) as { description?: string }).description !== undefined;
  return listed && !code.endsWith("-global");
}

const TYPED = "abcdefghijklmnopqrstuvwxyz0123456789-";

/** Every code one slip from `code`: two letters swapped, one letter wrong, missing or extra. */
function oneSlipAway(code: string): string[] {
  const codes: string[] = [];
  for (let i = 0; i < code.length; i += 1) {
    codes.push(code.slice(0, i) + code.slice(i + 1));
    if (i + 1 < code.length) codes.push(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2));
    for (const letter of TYPED) codes.push(code.slice(0, i) + letter + code.slice(i + 1));
  }
  for (let i = 0; i <= code.length; i += 1) {
    for (const letter of TYPED) codes.push(code.slice(0, i) + letter + code.slice(i));
  }
  return codes;
}

/** A listed region one typing slip from a code the SDK does not list (eu-wset-1 -> eu-west-1), if any. */
export function nearestRegion(code: string): string | undefined {
  return oneSlipAway(code).find(isKnownRegion);
}
