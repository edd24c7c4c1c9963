// The two HTTP API variants the emulator layer applies, as configuration documents: the layer itself and the
// synth layer's check of its leftover table (emulator-leftovers.ts) read the same ones.
import { exampleDocument } from "./config";
import { selfManagedDocument } from "./pki";

export const EMULATOR_VARIANTS: Record<"pca" | "self", (pkiDirectory: string) => Record<string, any>> = {
  // Deletion protection off, as for any environment deleted on purpose: the layer destroys what it applied.
  pca: () => ({ ...exampleDocument(), pki: { ...exampleDocument().pki, deletionProtection: false } }),
  self: (pkiDirectory) => ({
    ...selfManagedDocument(),
    pki: { ...selfManagedDocument().pki, directory: pkiDirectory },
  }),
};
