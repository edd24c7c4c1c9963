// The Lambda entry point: settings from the environment the api stack sets, the CRL from S3.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import "aws-sdk-client-mock-jest";
import { CRL_BUCKET, CRL_KEY, EVENT_SHAPES, isAllowed, s3, serveCrl } from "../../helpers/authorizer-harness";
import { createCa, createCrl, createPki, issueClientCertificate } from "../../helpers/test-pki";
import { LAMBDA_VARIABLES, readSettings, writeEnvironment } from "../../../functions/authorizer/settings";

type Handler = typeof import("../../../functions/authorizer/index").handler;

/** A fresh copy of the module, initialized with the given environment (as Lambda's init phase does). */
async function loadHandler(env: Record<string, string>): Promise<Handler> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    let handler: Handler | undefined;
    await jest.isolateModulesAsync(async () => {
      handler = (await import("../../../functions/authorizer/index")).handler;
    });
    return handler!;
  } finally {
    process.env = saved;
  }
}

/** Calls the handler with the certificate, its decision line kept off the test output; true when it allows. */
async function allows(handler: Handler, shape: keyof typeof EVENT_SHAPES, clientCertPem: string): Promise<boolean> {
  const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    return isAllowed(await handler(EVENT_SHAPES[shape]({ clientCertPem }) as never));
  } finally {
    write.mockRestore();
  }
}

const SETTINGS = {
  [LAMBDA_VARIABLES.crlBucket]: CRL_BUCKET,
  [LAMBDA_VARIABLES.crlRefreshSeconds]: "300",
  [LAMBDA_VARIABLES.crlGraceSeconds]: "0",
  AWS_REGION: "eu-west-1",
};

test("the handler reads the CRL object the environment names and decides both event shapes", async () => {
  const { issuing } = await createPki();
  const client = await issueClientCertificate(issuing);
  const gone = await issueClientCertificate(issuing);
  s3.reset();
  serveCrl(createCrl(issuing, { revokedSerials: [gone.serialNumber] }));
  const handler = await loadHandler({
    ...SETTINGS,
    [LAMBDA_VARIABLES.issuingCas]: JSON.stringify({ issuing_ca: issuing.pem }),
    [LAMBDA_VARIABLES.crlKeys]: JSON.stringify({ issuing_ca: CRL_KEY }),
  });
  expect(await allows(handler, "http", client.pem)).toBe(true);
  expect(await allows(handler, "rest", gone.pem)).toBe(false);
  expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: CRL_BUCKET, Key: CRL_KEY });
});

test("during a CA rotation the handler reads each CA's own CRL object", async () => {
  const { root, issuing } = await createPki();
  const next = await createCa("Test Issuing CA 2", { issuer: root });
  const oldClient = await issueClientCertificate(issuing);
  const newClient = await issueClientCertificate(next);
  const newGone = await issueClientCertificate(next);
  s3.reset();
  serveCrl(createCrl(issuing), '"old"', "crl/issuing-1.crl");
  serveCrl(createCrl(next, { revokedSerials: [newGone.serialNumber] }), '"new"', "crl/issuing-2.crl");
  const handler = await loadHandler({
    ...SETTINGS,
    [LAMBDA_VARIABLES.issuingCas]: JSON.stringify({ "issuing-1": issuing.pem, "issuing-2": next.pem }),
    [LAMBDA_VARIABLES.crlKeys]: JSON.stringify({ "issuing-1": "crl/issuing-1.crl", "issuing-2": "crl/issuing-2.crl" }),
  });
  expect(await allows(handler, "http", oldClient.pem)).toBe(true);
  expect(await allows(handler, "http", newClient.pem)).toBe(true);
  expect(await allows(handler, "http", newGone.pem)).toBe(false);
  expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: CRL_BUCKET, Key: "crl/issuing-1.crl" });
  expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: CRL_BUCKET, Key: "crl/issuing-2.crl" });
});

test("missing or malformed settings fail the function's init, naming each variable", () => {
  expect(() => readSettings({ [LAMBDA_VARIABLES.crlRefreshSeconds]: "soon" })).toThrow(
    /MTLS_ISSUING_CAS is not set; MTLS_CRL_KEYS is not set; MTLS_CRL_BUCKET is not set; MTLS_CRL_REFRESH_SECONDS must be a whole number of seconds \(got "soon"\); MTLS_CRL_GRACE_SECONDS is not set/,
  );
  const settings = { ...SETTINGS, [LAMBDA_VARIABLES.issuingCas]: JSON.stringify({ a: "PEM" }) };
  expect(() => readSettings({ ...settings, [LAMBDA_VARIABLES.crlKeys]: "crl/a.crl" })).toThrow(
    /MTLS_CRL_KEYS must be a JSON object of CA name to non-empty string, with at least one CA/,
  );
  expect(() => readSettings({ ...settings, [LAMBDA_VARIABLES.crlKeys]: JSON.stringify({ b: "crl/b.crl" }) })).toThrow(
    /MTLS_ISSUING_CAS and MTLS_CRL_KEYS must name the same CAs \(only in one: a, b\)/,
  );
  expect(readSettings({ ...settings, [LAMBDA_VARIABLES.crlKeys]: JSON.stringify({ a: "crl/a.crl" }) }).issuers).toEqual(
    [{ name: "a", pem: "PEM", crlKey: "crl/a.crl" }],
  );
});

test("the allowed clock skew for a CRL's thisUpdate is optional, and a whole number of seconds when set", () => {
  const complete = {
    ...SETTINGS,
    [LAMBDA_VARIABLES.issuingCas]: JSON.stringify({ a: "PEM" }),
    [LAMBDA_VARIABLES.crlKeys]: JSON.stringify({ a: "crl/a.crl" }),
  };
  expect(readSettings(complete).crlClockSkewSeconds).toBeUndefined();
  expect(readSettings({ ...complete, [LAMBDA_VARIABLES.crlClockSkewSeconds]: "60" }).crlClockSkewSeconds).toBe(60);
  expect(() => readSettings({ ...complete, [LAMBDA_VARIABLES.crlClockSkewSeconds]: "a minute" })).toThrow(
    /MTLS_CRL_CLOCK_SKEW_SECONDS must be a whole number of seconds \(got "a minute"\)/,
  );
});

test("the settings codec: every setting the api stack writes, the function reads back as it was", () => {
  const access = {
    clients: [{ name: "partner-a", san: "partner-a.clients.example.com" }],
    routes: { $default: "*" as const, "GET /orders/{proxy+}": ["partner-a"] },
    pkiNames: true,
  };
  const environment = writeEnvironment({
    issuingCas: { "issuing-1": "PEM" },
    crlBucket: "bucket",
    crlKeys: { "issuing-1": "crl/issuing-1.crl" },
    crlRefreshSeconds: 60,
    crlGraceSeconds: 10,
    crlClockSkewSeconds: 120,
    access,
  });
  expect(Object.keys(environment).sort()).toEqual(Object.values(LAMBDA_VARIABLES).sort());
  expect(Object.keys(environment)).toHaveLength(7);
  expect(readSettings(environment)).toEqual({
    issuers: [{ name: "issuing-1", pem: "PEM", crlKey: "crl/issuing-1.crl" }],
    crlBucket: "bucket",
    crlRefreshSeconds: 60,
    crlGraceSeconds: 10,
    crlClockSkewSeconds: 120,
    access,
  });
  // An optional setting left unset is not written, and reads back as unset.
  const { [LAMBDA_VARIABLES.access]: _, ...withoutAccess } = environment;
  expect(writeEnvironment({ ...readSettingsInput(), access: undefined })).not.toHaveProperty(LAMBDA_VARIABLES.access);
  expect(readSettings(withoutAccess).access).toBeUndefined();
  expect(() => readSettings({ ...environment, [LAMBDA_VARIABLES.access]: '{"clients":"all"}' })).toThrow(
    /MTLS_ACCESS must be a JSON object \{"clients": \[\.\.\.\], "routes": \{\.\.\.\}\}/,
  );
});

function readSettingsInput() {
  return {
    issuingCas: { a: "PEM" },
    crlBucket: "bucket",
    crlKeys: { a: "crl/a.crl" },
    crlRefreshSeconds: 300,
    crlGraceSeconds: 0,
    crlClockSkewSeconds: 300,
  };
}
