// Finds the local filesystem mirror that holds the pinned hashicorp/aws provider, so Terraform can init,
// validate, plan and test without reaching the registry.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const AWS_PROVIDER_VERSION = "5.100.0";
export const MIRROR_ENV = "MTLS_TF_PROVIDER_MIRROR";

const PROVIDER_FOLDER = path.join("registry.terraform.io", "hashicorp", "aws");
const PROVIDER_PATH = path.join(PROVIDER_FOLDER, AWS_PROVIDER_VERSION);

function candidates(env: NodeJS.ProcessEnv): string[] {
  const home = os.homedir();
  return [
    "/opt/tf-plugins",
    path.join(home, ".terraform.d", "plugins"),
    path.join(home, ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    ...(env.XDG_DATA_HOME ? [path.join(env.XDG_DATA_HOME, "terraform", "plugins")] : []),
  ];
}

/**
 * The unpacked layout (<version>/<os_arch>/, which init links) or the packed one that `terraform providers mirror`
 * writes (terraform-provider-aws_<version>_<os_arch>.zip, which every init unpacks into its own folder).
 */
function holdsProvider(mirror: string): boolean {
  if (fs.existsSync(path.join(mirror, PROVIDER_PATH))) return true;
  const folder = path.join(mirror, PROVIDER_FOLDER);
  const packed = `terraform-provider-aws_${AWS_PROVIDER_VERSION}_`;
  return (
    fs.existsSync(folder) && fs.readdirSync(folder).some((file) => file.startsWith(packed) && file.endsWith(".zip"))
  );
}

export type MirrorLookup = { found: true; mirror: string } | { found: false; reason: string };

export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): MirrorLookup {
  const given = env[MIRROR_ENV];
  if (given) {
    return holdsProvider(given)
      ? { found: true, mirror: path.resolve(given) }
      : {
          found: false,
          reason: `${MIRROR_ENV}=${given} holds no hashicorp/aws ${AWS_PROVIDER_VERSION} (neither ${PROVIDER_PATH}/ nor a zip beside it)`,
        };
  }
  const mirror = candidates(env).find(holdsProvider);
  return mirror
    ? { found: true, mirror }
    : {
        found: false,
        reason: `no provider mirror holding hashicorp/aws ${AWS_PROVIDER_VERSION} in ${candidates(env).join(", ")}; set ${MIRROR_ENV} to one (terraform providers mirror <dir> makes one)`,
      };
}
