import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ReadableStack, readableLogicalId } from "../../lib/logical-ids";

describe("readable logical ids", () => {
  test("join the construct path, hiding Default and Resource and repeated neighbours", () => {
    expect(readableLogicalId(["truststore_bucket", "Resource"])).toBe("truststore_bucket");
    expect(readableLogicalId(["Default", "root_ca"])).toBe("root_ca");
    expect(readableLogicalId(["authorizer", "authorizer", "log_group"])).toBe("authorizer_log_group");
    expect(readableLogicalId(["http_api", "invoke_backend"])).toBe("http_api_invoke_backend");
  });

  test("two resources of one type that would share a name are refused at synth, naming both paths", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    const logs = new Construct(stack, "logs");
    new S3Bucket(logs, "Resource", { bucket: "a" });
    new S3Bucket(logs, "logs", { bucket: "b" });
    expect(() => Testing.synth(stack)).toThrow(
      /Two aws_s3_bucket would both be named "logs" in stack test: test\/logs\/Resource and test\/logs\/logs\./,
    );
  });
});
