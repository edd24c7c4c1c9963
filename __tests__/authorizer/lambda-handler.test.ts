// The Lambda entry point: settings from the environment the api stack sets, the CRL from S3.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import "aws-sdk-client-mock-jest";
import { CRL_BUCKET, CRL_KEY, EVENT_SHAPES, isAllowed, s3, serveCrl } from "../helpers/authorizer-harness";
import { createCrl, createPki, issueClientCertificate } from "../helpers/test-pki";
import { ENVIRONMENT, readSettings } from "../../functions/authorizer/settings";

type Handler = typeof import("../../functions/authorizer/index").handler;

/** A fresh copy of the module, initialized with the given environment (as Lambda's init phase does). */
async function loadHandler(env: Record<string, string>): Promise<Handler> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    let handler: Handler | undefined;
    await jest.isolateModulesAsync(async () => {
      handler = (await import("../../functions/authorizer/index")).handler;
    });
    return handler!;
  } finally {
    process.env = saved;
  }
}

test("the handler reads the CRL object the environment names and decides both event shapes", async () => {
  const { issuing } = await createPki();
  const client = await issueClientCertificate(issuing);
  const gone = await issueClientCertificate(issuing);
  s3.reset();
  serveCrl(createCrl(issuing, { revokedSerials: [gone.serialNumber] }));
  const handler = await loadHandler({
    [ENVIRONMENT.issuingCaPem]: issuing.pem,
    [ENVIRONMENT.crlBucket]: CRL_BUCKET,
    [ENVIRONMENT.crlKey]: CRL_KEY,
    [ENVIRONMENT.crlRefreshSeconds]: "300",
    [ENVIRONMENT.crlGraceSeconds]: "0",
    AWS_REGION: "eu-west-1",
  });
  const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    expect(isAllowed(await handler(EVENT_SHAPES.http({ clientCertPem: client.pem }) as never))).toBe(true);
    expect(isAllowed(await handler(EVENT_SHAPES.rest({ clientCertPem: gone.pem }) as never))).toBe(false);
  } finally {
    write.mockRestore();
  }
  expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: CRL_BUCKET, Key: CRL_KEY });
});

test("missing or malformed settings fail the function's init, naming each variable", () => {
  expect(() => readSettings({ [ENVIRONMENT.crlRefreshSeconds]: "soon" })).toThrow(
    /MTLS_ISSUING_CA_PEM is not set; MTLS_CRL_BUCKET is not set; MTLS_CRL_KEY is not set; MTLS_CRL_REFRESH_SECONDS must be a whole number of seconds \(got "soon"\); MTLS_CRL_GRACE_SECONDS is not set/,
  );
});
