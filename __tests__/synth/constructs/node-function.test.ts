import "../../helpers/cdktf-matchers";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { NodeFunction } from "../../../lib/constructs/node-function";
import { synthConstruct, synthConstructText } from "../../helpers/construct";
import { resourcesOf } from "../../helpers/synth";

const props = { functionName: "demo-echo", source: "echo", logRetentionDays: 30 } as const;

describe("NodeFunction", () => {
  const json = synthConstruct((scope) => new NodeFunction(scope, "echo", props));
  const fn = resourcesOf(json, "aws_lambda_function").echo;

  test("runs a Node.js runtime AWS still lets you create, on arm64, with X-Ray and JSON logs to its own group", () => {
    expect(fn.runtime).toMatch(/^nodejs\d+\.x$/);
    expect(Number(fn.runtime.match(/\d+/)[0])).toBeGreaterThanOrEqual(22);
    expect(fn).toMatchObject({
      function_name: "demo-echo",
      architectures: ["arm64"],
      handler: "index.handler",
      tracing_config: { mode: "Active" },
      logging_config: { log_format: "JSON", log_group: "${aws_cloudwatch_log_group.echo_log_group.name}" },
    });
    expect(resourcesOf(json, "aws_cloudwatch_log_group").echo_log_group).toMatchObject({
      name: "/aws/lambda/demo-echo",
      retention_in_days: 30,
    });
  });

  test("is created after its log group and its policy, so its first logs have a home and it starts with its rights", () => {
    expect(fn.depends_on).toEqual(["aws_cloudwatch_log_group.echo_log_group", "aws_iam_role_policy.echo_policy"]);
  });

  test("may write only to its own log group and to X-Ray unless given more", () => {
    const statements = json.data.aws_iam_policy_document.echo_permissions.statement;
    expect(statements).toEqual([
      expect.objectContaining({
        sid: "WriteOwnLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: ["${aws_cloudwatch_log_group.echo_log_group.arn}:*"],
      }),
      expect.objectContaining({ sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] }),
    ]);
    expect(json.data.aws_iam_policy_document.echo_assume_role.statement).toEqual([
      expect.objectContaining({
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
      }),
    ]);
  });

  test("ships the bundle as a content-addressed asset with Lambda's own code hash", () => {
    expect(fn.filename).toMatch(/^assets\/[^/]+\/[0-9A-F]{32}\/function\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test("takes its defaults (10 s, 256 MB, no environment) and its overrides", () => {
    expect(fn).toMatchObject({ timeout: 10, memory_size: 256 });
    expect(fn.environment).toBeUndefined();
    const tuned = synthConstructText(
      (scope) =>
        new NodeFunction(scope, "tuned", {
          ...props,
          timeoutSeconds: 3,
          memoryMb: 512,
          environment: { MODE: "strict" },
          permissions: [{ sid: "ReadThing", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/k"] }],
        }),
    );
    expect(tuned).toHaveResourceWithProperties(LambdaFunction, {
      timeout: 3,
      memory_size: 512,
      environment: { variables: { MODE: "strict" } },
    });
    const statements = JSON.parse(tuned).data.aws_iam_policy_document.tuned_permissions.statement;
    expect(statements.map((statement: { sid: string }) => statement.sid)).toEqual([
      "WriteOwnLogs",
      "WriteTraces",
      "ReadThing",
    ]);
  });
});
