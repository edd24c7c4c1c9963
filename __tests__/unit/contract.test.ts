// The contract between stacks: outputs match lib/contract.ts, and every remote-state read names an output
// its upstream stack declares, through a reader that matches the upstream's backend.
import * as fs from "node:fs";
import * as path from "node:path";
import { CONTRACT, STACK_ORDER, UPSTREAM, type StackName, type UpstreamOf } from "../../lib/contract";
import type { UpstreamOutputs } from "../../lib/mtls-stack";
import { PROJECT_ROOT } from "../../lib/project-root";
import { API_TYPES, configFor } from "../helpers/config";
import { synthStacks, type StackJson } from "../helpers/synth";

const REMOTE_OUTPUT_REFERENCE = /data\.terraform_remote_state\.([a-z_]+)\.outputs\.([a-z0-9_]+)/g;

function remoteReads(stack: StackJson): { upstream: string; output: string }[] {
  const text = JSON.stringify({ ...stack, data: { ...stack.data, terraform_remote_state: undefined } });
  return [...text.matchAll(REMOTE_OUTPUT_REFERENCE)].map(([, upstream, output]) => ({ upstream, output }));
}

describe.each(API_TYPES)("%s API", (apiType) => {
  const stacks = synthStacks(configFor(apiType));

  test.each(STACK_ORDER)("the %s stack declares exactly the contract's outputs, each described", (name) => {
    const outputs = stacks[name].output ?? {};
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(CONTRACT[name]).sort());
    expect(Object.values<any>(outputs).length).toBeGreaterThan(0);
    for (const output of Object.values<any>(outputs)) {
      expect(output.description).toMatch(/\S/);
      expect(output.sensitive).toBeUndefined();
    }
  });

  test.each(STACK_ORDER)("every remote-state output the %s stack reads is declared upstream", (name) => {
    const reads = remoteReads(stacks[name]);
    const upstream = UPSTREAM[name];
    if (!upstream) {
      expect(reads).toEqual([]);
      return;
    }
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read.upstream).toBe(upstream);
      expect(Object.keys(stacks[upstream].output)).toContain(read.output);
    }
  });

  test.each(STACK_ORDER.filter((name) => UPSTREAM[name]))(
    "the %s stack reads its upstream through a reader matching the upstream's backend",
    (name) => {
      const upstream = UPSTREAM[name] as StackName;
      const readers = stacks[name].data.terraform_remote_state;
      expect(Object.keys(readers)).toEqual([upstream]);
      const [backendType, backendConfig] = Object.entries<any>(stacks[upstream].terraform.backend)[0];
      expect(readers[upstream]).toEqual({ backend: backendType, config: backendConfig });
    },
  );

  test("no stack uses cdktf's automatic cross-stack references", () => {
    expect(Object.values(stacks).length).toBeGreaterThan(0);
    for (const stack of Object.values(stacks)) {
      expect(JSON.stringify(stack)).not.toMatch(/cross-stack-output|cross_stack_output/);
    }
  });
});

describe("the contract as a type (these cases fail `npm run typecheck` when the compiler stops refusing them)", () => {
  test("each stack's upstream is the stack before it in STACK_ORDER", () => {
    const truststoreReads: UpstreamOf<"truststore"> = "pki";
    // @ts-expect-error the api stack reads the truststore stack, not pki
    const apiReadsPki: UpstreamOf<"api"> = "pki";
    // @ts-expect-error pki is first and reads nothing
    const pkiReads: UpstreamOf<"pki"> = "pki";
    expect([truststoreReads, apiReadsPki, pkiReads]).toEqual(["pki", "pki", "pki"]);
    expect(STACK_ORDER.map((stack) => UPSTREAM[stack])).toEqual([undefined, "pki", "truststore", "api"]);
  });

  test("string() takes only string outputs and map() only map outputs of that one stack", () => {
    const reads = (truststore: UpstreamOutputs<"truststore">) => [
      truststore.string("truststore_version"),
      truststore.map("crl_object_keys"),
      // @ts-expect-error a map output read as a string
      truststore.string("crl_object_keys"),
      // @ts-expect-error a string output read as a map
      truststore.map("truststore_version"),
      // @ts-expect-error an output of another stack
      truststore.string("api_id"),
    ];
    expect(reads).toBeInstanceOf(Function);
  });
});

test("docs/architecture.md lists exactly the contract's outputs of each stack", () => {
  const architecture = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "architecture.md"), "utf8");
  expect(STACK_ORDER.length).toBeGreaterThan(0);
  for (const stack of STACK_ORDER) {
    // A list item "- `<stack>`: `output`, ..." and the lines that continue it.
    const item = architecture.match(new RegExp(`^- \`${stack}\`:([^]*?)(?=\n(?:- |\n))`, "m"))?.[1] ?? "";
    const listed = [...item.matchAll(/`([a-z0-9_]+)`/g)].map(([, name]) => name);
    expect({ stack, outputs: [...new Set(listed)].sort() }).toEqual({
      stack,
      outputs: Object.keys(CONTRACT[stack]).sort(),
    });
  }
});
