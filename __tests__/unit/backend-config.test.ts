// The backend section of the configuration: defaults, the rules of each backend type, and production-like
// environments refusing local state. Errors name the field, the value and the rule.
import { configProblems, exampleConfig, exampleDocument } from "../helpers/config";

function problemsWith(backend: unknown, extra: Record<string, unknown> = {}): string[] {
  return configProblems({ ...exampleDocument(), ...extra, backend });
}

describe("backend configuration", () => {
  test("defaults to local state", () => {
    expect(exampleConfig().backend).toEqual({ type: "local" });
  });

  test("s3 fills in the secure defaults: per-environment-and-stack key, encryption, the native lock file", () => {
    const config = exampleConfig((document) => (document.backend = { type: "s3", bucket: "acme-terraform-state" }));
    expect(config.backend).toEqual({
      type: "s3",
      bucket: "acme-terraform-state",
      key: "apigw-mtls/{environment}/{stack}.tfstate",
      encrypt: true,
      useLockfile: true,
    });
  });

  test("cloud fills in the HCP Terraform host and a workspace per environment and stack", () => {
    const config = exampleConfig((document) => (document.backend = { type: "cloud", organization: "acme" }));
    expect(config.backend).toEqual({
      type: "cloud",
      organization: "acme",
      hostname: "app.terraform.io",
      workspace: "apigw-mtls-{environment}-{stack}",
    });
  });

  test.each([
    ["an unknown backend type", { type: "consul" }, /^backend\.type: must be one of "local", "s3", "cloud"/],
    ["s3 without a bucket", { type: "s3" }, /^backend\.bucket: is required/],
    [
      "an s3 key shared by every environment",
      { type: "s3", bucket: "acme-state", key: "mtls/{stack}.tfstate" },
      /^backend\.key: must contain both \{environment\} and \{stack\}, so that every stack of every environment gets its own state \(got "mtls\/\{stack\}\.tfstate"\)$/,
    ],
    [
      "an s3 key shared by every stack",
      { type: "s3", bucket: "acme-state", key: "mtls/{environment}.tfstate" },
      /^backend\.key: must contain both \{environment\} and \{stack\}/,
    ],
    [
      "a bucket name S3 refuses",
      { type: "s3", bucket: "Acme_State" },
      /^backend\.bucket: must be an S3 bucket name.*\(got "Acme_State"\)$/,
    ],
    [
      "a state region that is not a region",
      { type: "s3", bucket: "acme-state", region: "EU" },
      /^backend\.region: must be an AWS region code/,
    ],
    [
      "a KMS key that is not an ARN",
      { type: "s3", bucket: "acme-state", kmsKeyId: "my-key" },
      /^backend\.kmsKeyId: must be a KMS key or alias ARN.*\(got "my-key"\)$/,
    ],
    [
      "a state role that is not an IAM role ARN",
      { type: "s3", bucket: "acme-state", roleArn: "terraform" },
      /^backend\.roleArn: must be an IAM role ARN/,
    ],
    ["cloud without an organization", { type: "cloud" }, /^backend\.organization: is required/],
    [
      "a workspace shared by every environment",
      { type: "cloud", organization: "acme", workspace: "mtls-{stack}" },
      /^backend\.workspace: must contain both \{environment\} and \{stack\}.*\(got "mtls-\{stack\}"\)$/,
    ],
    [
      "a workspace name HCP Terraform refuses",
      { type: "cloud", organization: "acme", workspace: "mtls/{environment}/{stack}" },
      /^backend\.workspace: must be a workspace name pattern/,
    ],
    [
      "a host name with a scheme",
      { type: "cloud", organization: "acme", hostname: "https://tfe.example.com" },
      /^backend\.hostname: must be a host name/,
    ],
    [
      "an unknown s3 setting",
      { type: "s3", bucket: "acme-state", lock: true },
      /^backend\.lock: is not a known setting/,
    ],
  ])("rejects %s", (_name, backend, expected) => {
    expect(problemsWith(backend)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test("a production environment refuses local state, saying why and what to use", () => {
    expect(problemsWith({ type: "local" }, { production: true })).toEqual([
      'backend.type: must be "s3" or "cloud" in a production environment: local state cannot be shared, locked or recovered (environment "example" sets "production": true) (got "local")',
    ]);
    expect(problemsWith(undefined, { production: true })).toEqual([
      expect.stringMatching(/^backend\.type: must be "s3" or "cloud"/),
    ]);
  });

  test("a production environment accepts s3 and cloud", () => {
    expect(problemsWith({ type: "s3", bucket: "acme-state" }, { production: true })).toEqual([]);
    expect(problemsWith({ type: "cloud", organization: "acme" }, { production: true })).toEqual([]);
  });

  test("the optional DynamoDB lock table and KMS key are kept", () => {
    const backend = {
      type: "s3",
      bucket: "acme-state",
      dynamodbTable: "terraform-locks",
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/terraform-state",
    };
    expect(exampleConfig((document) => (document.backend = backend)).backend).toMatchObject(backend);
  });
});
