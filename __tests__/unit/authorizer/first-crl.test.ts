// Before the issuing CA has written its first CRL the object does not exist: the authorizer denies (fail closed)
// and its decision log says so in words an operator can search for, not as an S3 error.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { NO_CRL_YET } from "../../../functions/authorizer/s3-crl-source";
import { harness, isAllowed, s3, serveCrl, SHAPES } from "../../helpers/authorizer-harness";
import { createCrl, createPki, issueClientCertificate, type TestCertificate } from "../../helpers/test-pki";

let issuing: TestCertificate;
let client: TestCertificate;

beforeAll(async () => {
  ({ issuing } = await createPki());
  client = await issueClientCertificate(issuing);
});

const noSuchKey = () => Object.assign(new Error("The specified key does not exist."), { name: "NoSuchKey" });

test.each(SHAPES)("%s API: no CRL object yet denies, and the decision log names it", async (shape) => {
  s3.reset();
  s3.on(GetObjectCommand).rejects(noSuchKey());
  const { call, lastDecision, logs } = harness(issuing.pem);
  expect(isAllowed(await call(shape, client.pem))).toBe(false);
  expect(lastDecision()).toMatchObject({
    reason: "crl_unavailable",
    detail: expect.stringMatching(new RegExp(`^${NO_CRL_YET} at s3://[^ ]+\\.crl: the CA writes its first CRL`)),
  });
  expect(logs).toContainEqual(
    expect.objectContaining({ event: "crl_unavailable", message: expect.stringContaining(NO_CRL_YET) }),
  );
});

test("once the CA has written it, the next request after the refresh interval is allowed", async () => {
  s3.reset();
  s3.on(GetObjectCommand).rejectsOnce(noSuchKey());
  const { call, advance } = harness(issuing.pem, { crlRefreshSeconds: 60 });
  expect(isAllowed(await call("http", client.pem))).toBe(false);
  serveCrl(createCrl(issuing));
  advance(61);
  expect(isAllowed(await call("http", client.pem))).toBe(true);
});
