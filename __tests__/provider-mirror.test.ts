// Finding the local provider mirror: either layout Terraform reads, from MTLS_TF_PROVIDER_MIRROR or the usual
// places, and a reason that says what to do when there is none.
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_PROVIDER_VERSION, findProviderMirror, MIRROR_ENV } from "../tools/terraform/provider-mirror";
import { temporaryFolder } from "./helpers/pki";

const AWS = path.join("registry.terraform.io", "hashicorp", "aws");

function mirrorWith(file: string): string {
  const mirror = temporaryFolder("mirror");
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
