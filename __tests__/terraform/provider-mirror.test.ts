// Finding the local provider mirror: either layout Terraform reads, from MTLS_TF_PROVIDER_MIRROR or the usual
// places, and a reason that says what to do when there is none.
import * as fs from "node:fs";
import * as path from "node:path";
import { earlierCheck, TERRAFORM_CHECKED_ENV } from "../../tools/terraform/cli";
import { AWS_PROVIDER_VERSION, findProviderMirror, MIRROR_ENV } from "../../tools/terraform/provider-mirror";
import { testFolder } from "../helpers/pki";

const AWS = path.join("registry.terraform.io", "hashicorp", "aws");

function mirrorWith(file: string): string {
  const mirror = testFolder("mirror");
  fs.mkdirSync(path.dirname(path.join(mirror, file)), { recursive: true });
  fs.writeFileSync(path.join(mirror, file), "");
  return mirror;
}

test("an unpacked mirror (version/os_arch folders) is found", () => {
  const mirror = mirrorWith(path.join(AWS, AWS_PROVIDER_VERSION, "linux_amd64", "terraform-provider-aws"));
  expect(findProviderMirror({ [MIRROR_ENV]: mirror })).toEqual({ found: true, mirror });
});

test("a packed mirror, as `terraform providers mirror` writes it, is found", () => {
  const mirror = mirrorWith(path.join(AWS, `terraform-provider-aws_${AWS_PROVIDER_VERSION}_linux_amd64.zip`));
  expect(findProviderMirror({ [MIRROR_ENV]: mirror })).toEqual({ found: true, mirror });
});

test("a mirror with another version of the provider is refused, naming the variable and the version", () => {
  const mirror = mirrorWith(path.join(AWS, "terraform-provider-aws_5.99.0_linux_amd64.zip"));
  expect(findProviderMirror({ [MIRROR_ENV]: mirror })).toEqual({
    found: false,
    reason: `${MIRROR_ENV}=${mirror} holds no hashicorp/aws ${AWS_PROVIDER_VERSION} (neither ${path.join(AWS, AWS_PROVIDER_VERSION)}/ nor a zip beside it)`,
  });
});

describe("an earlier Terraform check, passed on in the environment (TERRAFORM_CHECKED_ENV)", () => {
  const configFile = path.join(testFolder("terraform-cli"), "terraform.rc");
  fs.writeFileSync(configFile, "");
  const check = { configFile, mirror: "/mirror", path: "/usr/bin", version: '{"terraform_version":"1.11.4"}' };
  const env = (changes: Partial<typeof check> = {}, PATH = "/usr/bin") => ({
    PATH,
    [TERRAFORM_CHECKED_ENV]: JSON.stringify({ ...check, ...changes }),
  });

  test("is reused for the same PATH and mirror while its CLI configuration exists", () => {
    expect(earlierCheck(env(), "/mirror")).toEqual(check);
  });

  test("is not reused for another PATH or mirror, without its CLI configuration, or when unreadable", () => {
    expect(earlierCheck(env({}, "/opt/bin:/usr/bin"), "/mirror")).toBeUndefined();
    expect(earlierCheck(env(), "/other-mirror")).toBeUndefined();
    expect(earlierCheck(env({ configFile: path.join(configFile, "gone") }), "/mirror")).toBeUndefined();
    expect(earlierCheck({ PATH: "/usr/bin", [TERRAFORM_CHECKED_ENV]: "{not json" }, "/mirror")).toBeUndefined();
    expect(earlierCheck({ PATH: "/usr/bin" }, "/mirror")).toBeUndefined();
  });
});
