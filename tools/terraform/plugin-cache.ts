import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A shared provider plugin cache: with it, init links the ~700 MB aws provider from the mirror instead of copying
 * it into every stack folder, which matters when many stacks are initialized in a row.
 */
export function withPluginCache(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.TF_PLUGIN_CACHE_DIR) return env;
  const cache = path.join(os.tmpdir(), "mtls-terraform-plugin-cache");
  fs.mkdirSync(cache, { recursive: true });
  return { ...env, TF_PLUGIN_CACHE_DIR: cache };
}
