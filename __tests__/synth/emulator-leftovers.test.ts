// The emulator layer checks after its destroy that nothing is left, resource type by resource type
// (helpers/emulator-leftovers.ts): every type its two variants declare needs a row there, which this holds in
// seconds, before the layer's minutes against moto would miss it.
import { parseConfig } from "../../lib/config/load";
import { LEFTOVER_CHECKS, resourceTypesOf } from "../helpers/emulator-leftovers";
import { EMULATOR_VARIANTS } from "../helpers/emulator-variants";
import { createTestPki } from "../helpers/pki";
import { synthStacks } from "../helpers/synth";

test("every resource type the emulator layer's variants declare has a row in its leftover table, and no other", async () => {
  const pki = await createTestPki();
  const stacks = Object.entries(EMULATOR_VARIANTS).flatMap(([name, document]) =>
    Object.values(synthStacks(parseConfig(document(pki.layout.root), `emulator variant ${name}`))),
  );
  const declared = resourceTypesOf(stacks);
  expect(declared.length).toBeGreaterThan(10);
  // Exactly: a type new to the stacks needs its row, and a row of a type no stack declares goes.
  expect(Object.keys(LEFTOVER_CHECKS).sort()).toEqual(declared);
  // A type that goes with another names one whose leftovers are listed.
  const listed = Object.keys(LEFTOVER_CHECKS).filter((type) => "lists" in LEFTOVER_CHECKS[type]);
  const unlisted = Object.entries(LEFTOVER_CHECKS).filter(
    ([, check]) => "goesWith" in check && !listed.includes(check.goesWith),
  );
  expect(unlisted).toEqual([]);
});
