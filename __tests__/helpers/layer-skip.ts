/** Whether a layer's tools are here, and if not, why. */
export type LayerAvailability = { available: true } | { available: false; reason: string };

/**
 * Registers the test that stands for a layer that cannot run here (no Terraform, no JDK): skipped with the
 * reason, or, under MTLS_REQUIRE_ALL_LAYERS=1 (CI), failing with it. Returns false when the layer cannot run.
 */
export function layerRuns<T extends LayerAvailability>(
  layer: string,
  availability: T,
): availability is T & { available: true } {
  if (availability.available) return true;
  const reason = `${layer} skipped: ${(availability as { reason: string }).reason}`;
  if (process.env.MTLS_REQUIRE_ALL_LAYERS === "1") {
    test(layer, () => {
      throw new Error(`${reason} (MTLS_REQUIRE_ALL_LAYERS=1 makes this a failure)`);
    });
  } else {
    console.warn(`SKIPPED ${reason}`);
    test.skip(reason, () => {});
  }
  return false;
}
