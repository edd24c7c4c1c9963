import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { parseConfig } from "../../lib/config/load";
import type { Config, ConfigInput } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";

/** The shipped example configuration document, as a fresh mutable object. */
export function exampleDocument(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "config", "example.json"), "utf8"));
}

/** The example configuration, with a change applied to the document before validation. */
export function exampleConfig(change: (document: Record<string, any>) => void = () => {}): Config {
  const document = exampleDocument();
  change(document);
  return parseConfig(document as ConfigInput, "test document");
}

export const API_TYPES = ["http", "rest"] as const;

/** Sets the API type; a REST API must say how the account's logging role is provided (here: it already exists). */
export function useApiType(document: Record<string, any>, apiType: string): void {
  document.api.type = apiType;
  if (apiType === "rest") document.api.manageAccountLoggingRole = false;
}

export function configFor(apiType: (typeof API_TYPES)[number]): Config {
  return exampleConfig((document) => useApiType(document, apiType));
}

/** The problems a configuration error lists for a document (none when it is valid). */
export function configProblems(document: Record<string, any>, environment = "example"): string[] {
  try {
    parseConfig(document as ConfigInput, `config/${environment}.json`, environment);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

/**
 * The example with its own backends: the echo function on $default, an existing Lambda function, an HTTP endpoint
 * and a private service behind a VPC link (the load balancer kind each API type's VPC link reaches), and the two
 * ACM clients with different access: partner-a may read orders, partner-b may pay, both may use the inventory.
 */
export function routedDocument(apiType: (typeof API_TYPES)[number]): Record<string, any> {
  const document = exampleDocument();
  useApiType(document, apiType);
  const payments =
    apiType === "http"
      ? {
          type: "vpc-link",
          vpcLink: "payments",
          targetArn:
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/payments/50dc6c495c0c9188/f2f7dc8efc522ab2",
        }
      : {
          type: "vpc-link",
          vpcLink: "payments",
          targetArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/payments/50dc6c495c0c9188",
          url: "http://payments.internal.example.com:8080/payments",
        };
  document.api.routes = [
    { route: "$default", backend: { type: "echo" } },
    {
      route: "GET /orders/{proxy+}",
      backend: { type: "lambda", functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:orders" },
      timeoutMs: 10000,
      clients: ["partner-a"],
    },
    {
      route: "ANY /inventory/{proxy+}",
      backend: { type: "http", url: "https://inventory.example.com/{proxy}" },
      clients: ["partner-a", "partner-b"],
    },
    { route: "POST /payments", backend: payments, clients: ["partner-b"] },
  ];
  document.api.vpcLinks = {
    payments:
      apiType === "http"
        ? {
            subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            securityGroupIds: ["sg-0123456789abcdef0"],
          }
        : {},
  };
  return document;
}

export function routedConfig(apiType: (typeof API_TYPES)[number]): Config {
  return parseConfig(routedDocument(apiType) as ConfigInput, "routed test document");
}
