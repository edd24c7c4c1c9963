// After the last test file of a jest run: stops the run's shared AWS provider and removes its cache and temporary folders.
import { RUN_RESOURCES, type RunResources } from "./global-setup";
import { removeTemporaryFolder } from "../lib/temporary-folder";
import { removeRunCache } from "../tools/performance/run-cache";

export default async function globalTeardown(): Promise<void> {
  const resources = (globalThis as Record<symbol, unknown>)[RUN_RESOURCES] as RunResources | undefined;
  await resources?.provider?.stop();
  if (resources?.cache) removeRunCache(resources.cache);
  if (resources?.temporary) removeTemporaryFolder(resources.temporary);
}
