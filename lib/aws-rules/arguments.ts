// The arguments a synthesized stack sets, as catalog keys: "<resource type>.<argument path>" for resources,
// "data.<type>.<path>" for data sources and "provider.aws.<path>" for the provider, nested blocks joined with dots.
// Terraform's meta-arguments (depends_on, lifecycle, ...) and cdktf's metadata are Terraform's, not AWS's.
const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner"]);

/** Arguments whose value is a map of the user's keys (tags, environment variables): the map is one argument. */
const MAP_ARGUMENTS = new Set([
  "tags",
  "triggers",
  "variables",
  "request_parameters",
  "response_parameters",
  "stage_variables",
]);

function argumentPaths(value: unknown, prefix: string): string[] {
  const blocks = Array.isArray(value) ? value : [value];
  if (!blocks.every((block) => typeof block === "object" && block !== null && !Array.isArray(block))) return [prefix];
  if (blocks.length === 0) return [prefix];
  return blocks.flatMap((block) =>
    Object.entries(block as Record<string, unknown>)
      .filter(([name]) => !META_ARGUMENTS.has(name))
      .flatMap(([name, nested]) =>
        MAP_ARGUMENTS.has(name) ? [`${prefix}.${name}`] : argumentPaths(nested, `${prefix}.${name}`),
      ),
  );
}

/** Every AWS argument a stack's Terraform JSON sets, once each, sorted. */
export function awsArguments(stackJson: Record<string, any>): string[] {
  const keys = new Set<string>();
  const add = (paths: string[]) => paths.forEach((key) => keys.add(key));
  for (const [type, resources] of Object.entries<Record<string, unknown>>(stackJson.resource ?? {})) {
    if (type.startsWith("aws_")) Object.values(resources).forEach((body) => add(argumentPaths(body, type)));
  }
  for (const [type, sources] of Object.entries<Record<string, unknown>>(stackJson.data ?? {})) {
    if (type.startsWith("aws_")) Object.values(sources).forEach((body) => add(argumentPaths(body, `data.${type}`)));
  }
  for (const provider of stackJson.provider?.aws ?? []) add(argumentPaths(provider, "provider.aws"));
  return [...keys].sort();
}

/** The catalog prefix (resource type, data.<type> or provider.aws) and argument path of a key. */
export function splitArgumentKey(key: string): { prefix: string; argument: string } {
  const [first, second, ...rest] = key.split(".");
  return first === "data" || first === "provider"
    ? { prefix: `${first}.${second}`, argument: rest.join(".") }
    : { prefix: first, argument: [second, ...rest].join(".") };
}
