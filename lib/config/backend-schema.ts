// Where each environment keeps its Terraform state: local files (default), an S3 bucket with Terraform's native
// lock file, or HCP Terraform / Terraform Cloud workspaces. State keys and workspace names come from patterns
// that must name both the environment and the stack, so no two stacks or environments ever share state.
import { z } from "zod";
import { awsRegion, s3BucketName } from "./rules";

export const ENVIRONMENT_PLACEHOLDER = "{environment}";
export const STACK_PLACEHOLDER = "{stack}";

function namesEnvironmentAndStack(pattern: string): boolean {
  return pattern.includes(ENVIRONMENT_PLACEHOLDER) && pattern.includes(STACK_PLACEHOLDER);
}

const PLACEHOLDER_RULE = `must contain both ${ENVIRONMENT_PLACEHOLDER} and ${STACK_PLACEHOLDER}, so that every stack of every environment gets its own state`;

const stateKeyPattern = z
  .string()
  .regex(/^[A-Za-z0-9!_.*'(){}/-]{1,1024}$/, {
    message:
      "must be an S3 object key pattern: letters, digits, !_.*'()/- and the {environment} and {stack} placeholders",
  })
  .refine((key) => !key.startsWith("/") && !key.endsWith("/"), { message: "must not start or end with /" })
  .refine(namesEnvironmentAndStack, { message: PLACEHOLDER_RULE });

const workspacePattern = z
  .string()
  // HCP Terraform workspace names: letters, digits, - and _, at most 90 characters once expanded.
  .regex(/^[A-Za-z0-9_{}-]{1,70}$/, {
    message:
      "must be a workspace name pattern: letters, digits, - and _ and the {environment} and {stack} placeholders",
  })
  .refine(namesEnvironmentAndStack, { message: PLACEHOLDER_RULE });

const localBackend = z.strictObject({
  type: z
    .literal("local")
    .describe(
      "State files in state/<environment>/<stack>.tfstate beside the synthesized output. Not for shared environments.",
    ),
});

const s3Backend = z.strictObject({
  type: z.literal("s3").describe("State objects in an S3 bucket, locked with Terraform's native lock file."),
  bucket: s3BucketName.describe("Existing, versioned bucket that holds the state of every stack."),
  region: awsRegion.optional().describe("Default: the environment's region."),
  key: stateKeyPattern
    .default("apigw-mtls/{environment}/{stack}.tfstate")
    .describe("Object key of each stack's state."),
  encrypt: z.boolean().default(true).describe("Server-side encryption of the state objects."),
  kmsKeyId: z
    .string()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/, {
      message: "must be a KMS key or alias ARN, e.g. arn:aws:kms:eu-west-1:123456789012:alias/terraform-state",
    })
    .optional()
    .describe("KMS key for the state objects instead of the bucket's default encryption. Default: none."),
  useLockfile: z.boolean().default(true).describe("Terraform's native S3 lock file (<key>.tflock, Terraform >= 1.10)."),
  dynamodbTable: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: "must be a DynamoDB table name: 3-255 letters, digits, _ . -" })
    .optional()
    .describe(
      "DynamoDB table for the older lock mechanism; Terraform 1.11 marks it deprecated. Keep it beside useLockfile while some users still run older Terraform. Default: none.",
    ),
  roleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, {
      message: "must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/terraform-state",
    })
    .optional()
    .describe("Role Terraform assumes to read and write state, e.g. in a central state account. Default: none."),
});

const cloudBackend = z.strictObject({
  type: z.literal("cloud").describe("One HCP Terraform (Terraform Cloud) workspace per stack."),
  organization: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, {
      message: "must be an HCP Terraform organization name: letters, digits, - and _",
    })
    .describe("HCP Terraform / Terraform Enterprise organization."),
  hostname: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/, { message: "must be a host name, e.g. app.terraform.io (no scheme)" })
    .default("app.terraform.io")
    .describe("HCP Terraform or Terraform Enterprise host."),
  workspace: workspacePattern
    .default("apigw-mtls-{environment}-{stack}")
    .describe("One workspace per stack and environment."),
  project: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe("HCP Terraform project the workspaces belong to. Default: the organization's default project."),
});

export const backendSchema = z
  .discriminatedUnion("type", [localBackend, s3Backend, cloudBackend], {
    error: () => 'must be one of "local", "s3", "cloud"',
  })
  .default({ type: "local" });

export type BackendSettings = z.output<typeof backendSchema>;

/**
 * Marks a production-like environment: its state must live in a shared, locked backend (s3 or cloud), never in
 * local files. Explicit, so that a name never changes the rules silently. @default false
 */
export const productionFlag = z.boolean().default(false);

/** Cross-field rules of the backend section, run by the root schema. */
export function checkBackend(
  config: { environment: string; production: boolean; backend: BackendSettings },
  ctx: z.RefinementCtx,
): void {
  if (config.backend.type === "local" && config.production) {
    ctx.addIssue({
      code: "custom",
      path: ["backend", "type"],
      input: "local",
      message: `must be "s3" or "cloud" in a production environment: local state cannot be shared, locked or recovered (environment "${config.environment}" sets "production": true)`,
    });
  }
}
