import { chainOf } from "../chains";
import { about, type Rule } from "../model";

export const MAX_CHAIN_LENGTH = 4;

export const chainLength: Rule = {
  id: "chain-length",
  title: `Chains are at most ${MAX_CHAIN_LENGTH} certificates long`,
  check: (context) =>
    context.certificates.flatMap((certificate) => {
      const chain = chainOf(context, certificate);
      if (chain.path.length <= MAX_CHAIN_LENGTH) return [];
      return [
        {
          rule: "chain-length",
          severity: "error" as const,
          certificate: about(certificate),
          message: `its chain to the root has ${chain.path.length}${chain.reachesRoot ? "" : "+"} certificates; API Gateway accepts at most ${MAX_CHAIN_LENGTH}`,
          fix: "issue client certificates from a CA nearer the root, and drop this certificate from the bundle",
        },
      ];
    }),
};
