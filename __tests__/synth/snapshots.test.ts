// Snapshots of each stack's Terraform JSON: a reviewer sees every change to what is synthesized. Only the
// Lambda bundle's hashes are normalized: they change with the function's code and the esbuild version.
import { configFor } from "../helpers/config";
import { normalizeBundleHashes, synthStacks } from "../helpers/synth";

describe("synthesized JSON", () => {
  const http = synthStacks(configFor("http"));
  const rest = synthStacks(configFor("rest"));

  test.each(["pki", "truststore", "dns"] as const)("%s stack", (name) => {
    expect(http[name]).toEqual(rest[name]);
    expect(normalizeBundleHashes(http[name])).toMatchSnapshot();
  });

  test("api stack, HTTP API", () => {
    expect(normalizeBundleHashes(http.api)).toMatchSnapshot();
  });

  test("api stack, REST API", () => {
    expect(normalizeBundleHashes(rest.api)).toMatchSnapshot();
  });
});
