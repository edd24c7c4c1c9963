// Reading helpers for synthesized Terraform JSON, shared by the rules and the review report.
import type { SynthesizedApp } from "./types";

export interface ResourceRef {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** <type>.<name>, as Terraform addresses it. */
  readonly address: string;
  readonly body: Record<string, any>;
}

function blocksOf(app: SynthesizedApp, section: "resource" | "data", type: string): ResourceRef[] {
  return Object.entries(app).flatMap(([stack, json]) =>
    Object.entries<Record<string, any>>(json[section]?.[type] ?? {}).map(([name, body]) => ({
      stack,
      type,
      name,
      address: section === "data" ? `data.${type}.${name}` : `${type}.${name}`,
      body,
    })),
  );
}

export function resourcesOf(app: SynthesizedApp, ...types: string[]): ResourceRef[] {
  return types.flatMap((type) => blocksOf(app, "resource", type));
}

export function dataSourcesOf(app: SynthesizedApp, ...types: string[]): ResourceRef[] {
  return types.flatMap((type) => blocksOf(app, "data", type));
}

/** A nested block: cdktf writes a single block as an object, Terraform JSON also allows a one-element list. */
export function block(value: unknown): Record<string, any> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === "object" ? (first as Record<string, any>) : undefined;
}

/** True when an expression references the resource (its id, arn, bucket, ... attribute). */
export function references(expression: unknown, address: string): boolean {
  return typeof expression === "string" && expression.includes(`\${${address}.`);
}

/** The resources of a type in the same stack whose `attribute` references the given resource. */
export function attachedTo(
  app: SynthesizedApp,
  target: ResourceRef,
  type: string,
  attribute = "bucket",
): ResourceRef[] {
  return resourcesOf(app, type).filter(
    (candidate) => candidate.stack === target.stack && references(candidate.body[attribute], target.address),
  );
}

export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** Every string in a JSON value with its path, e.g. resource.aws_s3_object.bundle.content. */
export function stringsWithPaths(value: unknown, path = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsWithPaths(item, `${path}[${index}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => stringsWithPaths(item, path ? `${path}.${key}` : key));
  }
  return [];
}
