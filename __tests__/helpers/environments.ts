import * as fs from "node:fs";
import * as path from "node:path";
import { parseConfig } from "../../lib/config/load";
import type { Config } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";

export const SHIPPED_ENVIRONMENTS = ["example", "dev", "prod"] as const;
export type ShippedEnvironment = (typeof SHIPPED_ENVIRONMENTS)[number];

/** Backend settings of each type, as a team would write them. */
export const BACKENDS = {
  local: { type: "local" },
  s3: { type: "s3", bucket: "acme-terraform-state", dynamodbTable: "terraform-locks" },
  cloud: { type: "cloud", organization: "acme-platform", project: "apigw-mtls" },
} as const;
export type BackendType = keyof typeof BACKENDS;

export function environmentDocument(environment: ShippedEnvironment): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "config", `${environment}.json`), "utf8"));
}

/** A shipped environment, optionally with another backend section. */
export function environmentConfig(environment: ShippedEnvironment, backend?: BackendType): Config {
  const document = environmentDocument(environment);
  if (backend) document.backend = BACKENDS[backend];
  return parseConfig(document, `config/${environment}.json`, environment);
}

/** Every environment and backend combination the configuration accepts (prod refuses local state). */
export const COMBINATIONS = SHIPPED_ENVIRONMENTS.flatMap((environment) =>
  (Object.keys(BACKENDS) as BackendType[])
    .filter((backend) => !(environment === "prod" && backend === "local"))
    .map((backend) => ({ environment, backend })),
);

/**
 * The process's variables with no AWS credentials anywhere the SDK's default chain looks (no variables, no
 * config or credentials file, no instance role), for `run` while process.env is swapped for them.
 */
export async function withoutAwsCredentials<T>(home: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env;
  const kept = Object.fromEntries(Object.entries(saved).filter(([name]) => !name.startsWith("AWS_")));
  process.env = {
    ...kept,
    HOME: home,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: `${home}/none`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/none`,
  };
  try {
    return await run();
  } finally {
    process.env = saved;
  }
}
