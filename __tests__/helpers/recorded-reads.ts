// Runs a policy rule over an app that records which blocks the rule looks up: resource types, `data.<type>`,
// and the stack-level `output`, `terraform` and `provider` blocks. What a rule declares it reads can then be
// compared with what it does read.
import type { PolicyRule, SynthesizedApp } from "../../policies/types";

function recording(target: Record<string, any>, record: (key: string) => void): Record<string, any> {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === "string") record(key);
      return Reflect.get(object, key, receiver);
    },
  });
}

export function blocksRead(rule: PolicyRule, app: SynthesizedApp): Set<string> {
  const read = new Set<string>();
  const watched = Object.fromEntries(
    Object.entries(app).map(([stack, json]) => [
      stack,
      new Proxy(json, {
        get(object, key, receiver) {
          const value = Reflect.get(object, key, receiver);
          if (key === "resource") return recording(value ?? {}, (type) => read.add(type));
          if (key === "data") return recording(value ?? {}, (type) => read.add(`data.${type}`));
          if (key === "output" || key === "terraform" || key === "provider") read.add(key);
          return value;
        },
      }),
    ]),
  );
  rule.check(watched);
  return read;
}
