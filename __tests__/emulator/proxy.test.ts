// Each patch of the emulator proxy (tools/emulator/emulator-proxy.ts) against a real moto_server, one for the file:
// the same call straight to moto shows the gap (what the patch's row in moto-gaps.ts says moto does), and through
// the proxy shows the mend. Without the patch the proxy passes the call through, so its half fails as moto's does.
import {
  ACMPCAClient,
  CreatePermissionCommand,
  DeletePermissionCommand,
  ListPermissionsCommand,
} from "@aws-sdk/client-acm-pca";
import {
  ApiGatewayV2Client,
  CreateDomainNameCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  type DomainNameConfiguration,
} from "@aws-sdk/client-apigatewayv2";
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulatorProxy, type EmulatorProxy } from "../../tools/emulator/emulator-proxy";
import { motoAvailability, startMoto, type MotoServer } from "../../tools/emulator/moto-server";
import { layerRuns } from "../helpers/layer-skip";

const REGION = "eu-west-1";
const CREDENTIALS = { accessKeyId: "emulator", secretAccessKey: "emulator" };

/** The HTTP status of a failed SDK call (moto's HTML error pages leave only the raw response to read it from). */
function httpStatusOf(error: { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } }) {
  return error.$metadata?.httpStatusCode ?? error.$response?.statusCode;
}

if (layerRuns("the emulator proxy's patches (against moto)", motoAvailability())) {
  describe("the emulator proxy mends each of moto's gaps it names", () => {
    let folder: string;
    let moto: MotoServer;
    let proxy: EmulatorProxy;
    /** An SDK client of moto itself (`direct`) or of the proxy in front of it; one attempt, no retries. */
    const clientOf = <T>(make: new (config: Record<string, unknown>) => T, direct: boolean): T =>
      new make({
        region: REGION,
        endpoint: direct ? moto.url : proxy.url,
        forcePathStyle: true,
        credentials: CREDENTIALS,
        maxAttempts: 1,
      });
    const both = <T>(make: new (config: Record<string, unknown>) => T) => ({
      moto: clientOf(make, true),
      proxy: clientOf(make, false),
    });

    beforeAll(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-emulator-proxy-"));
      moto = await startMoto(folder);
      proxy = await startEmulatorProxy(moto.url);
    }, 60_000);

    afterAll(async () => {
      await proxy?.close();
      await moto?.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    test("acmpca-permission: moto answers CreatePermission with HTTP 500; the proxy keeps and lists the permission", async () => {
      const pca = both(ACMPCAClient);
      const arn = `arn:aws:acm-pca:${REGION}:123456789012:certificate-authority/${crypto.randomUUID()}`;
      const permission = { CertificateAuthorityArn: arn, Principal: "acm.amazonaws.com" };
      const actions = ["IssueCertificate", "GetCertificate", "ListPermissions"] as const;
      const unimplemented = await pca.moto
        .send(new CreatePermissionCommand({ ...permission, Actions: [...actions] }))
        .then(() => "created", httpStatusOf);
      expect(unimplemented).toBe(500);

      await pca.proxy.send(new CreatePermissionCommand({ ...permission, Actions: [...actions] }));
      const listed = await pca.proxy.send(new ListPermissionsCommand({ CertificateAuthorityArn: arn }));
      expect(listed.Permissions?.map(({ Principal, Actions }) => ({ Principal, Actions }))).toEqual([
        { Principal: "acm.amazonaws.com", Actions: [...actions] },
      ]);
      await pca.proxy.send(new DeletePermissionCommand(permission));
      const after = await pca.proxy.send(new ListPermissionsCommand({ CertificateAuthorityArn: arn }));
      expect(after.Permissions).toEqual([]);
      expect(proxy.applied["acmpca-permission"]).toBe(4);
    });

    test("s3-secure-transport: moto's TLS-only Deny refuses every object call; through the proxy it does not, and the policy reads back as put", async () => {
      const s3 = both(S3Client);
      const tlsOnly = (bucket: string) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        });
      const results: Record<string, unknown> = {};
      for (const [via, client] of Object.entries(s3)) {
        const bucket = `secure-transport-${via}`;
        await client.send(
          new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
        );
        await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: tlsOnly(bucket) }));
        const put = await client
          .send(new PutObjectCommand({ Bucket: bucket, Key: "object", Body: "content" }))
          .then(() => "stored", httpStatusOf);
        const policy = await client.send(new GetBucketPolicyCommand({ Bucket: bucket }));
        results[via] = { put, policy: JSON.parse(policy.Policy!), asPut: JSON.parse(tlsOnly(bucket)) };
      }
      expect(results.moto).toMatchObject({ put: 403 });
      const mended = results.proxy as { put: string; policy: unknown; asPut: unknown };
      expect(mended.put).toBe("stored");
      expect(mended.policy).toEqual(mended.asPut);
    });

    test("s3-lifecycle-newer-noncurrent: moto reads the lifecycle rule back without NewerNoncurrentVersions; the proxy with it", async () => {
      const s3 = both(S3Client);
      const rule = {
        ID: "keep-recent-versions",
        Status: "Enabled" as const,
        Filter: { Prefix: "" },
        NoncurrentVersionExpiration: { NoncurrentDays: 30, NewerNoncurrentVersions: 5 },
      };
      const readBack: Record<string, unknown> = {};
      for (const [via, client] of Object.entries(s3)) {
        const bucket = `lifecycle-${via}`;
        await client.send(
          new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
        );
        await client.send(
          new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
        );
        await client.send(
          new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [rule] } }),
        );
        const got = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
        readBack[via] = got.Rules?.[0]?.NoncurrentVersionExpiration;
      }
      expect(readBack).toEqual({
        moto: { NoncurrentDays: 30 },
        proxy: { NoncurrentDays: 30, NewerNoncurrentVersions: 5 },
      });
    });

    test("http-domain-status: moto's HTTP API domain has no status, target or zone; the proxy's is AVAILABLE in the region's API Gateway zone", async () => {
      const apigateway = both(ApiGatewayV2Client);
      const domainName = "api.proxy-test.example.com";
      await apigateway.moto.send(
        new CreateDomainNameCommand({
          DomainName: domainName,
          DomainNameConfigurations: [
            {
              CertificateArn: `arn:aws:acm:${REGION}:123456789012:certificate/${crypto.randomUUID()}`,
              EndpointType: "REGIONAL",
              SecurityPolicy: "TLS_1_2",
            },
          ],
        }),
      );
      const shown = (configuration: DomainNameConfiguration | undefined) => ({
        status: configuration?.DomainNameStatus,
        target: configuration?.ApiGatewayDomainName,
        zone: configuration?.HostedZoneId,
      });
      const direct = await apigateway.moto.send(new GetDomainNameCommand({ DomainName: domainName }));
      expect(shown(direct.DomainNameConfigurations?.[0])).toEqual({
        status: undefined,
        target: undefined,
        zone: undefined,
      });
      const mended = {
        status: "AVAILABLE",
        target: `d-emulator.execute-api.${REGION}.amazonaws.com`,
        // API Gateway's hosted zone for eu-west-1's regional endpoints (AWS General Reference).
        zone: "ZLY8HYME6SFDD",
      };
      const one = await apigateway.proxy.send(new GetDomainNameCommand({ DomainName: domainName }));
      expect(shown(one.DomainNameConfigurations?.[0])).toEqual(mended);
      const listed = await apigateway.proxy.send(new GetDomainNamesCommand({}));
      expect(listed.Items?.map((item) => shown(item.DomainNameConfigurations?.[0]))).toEqual([mended]);
    });

    test("route53-change-wait: moto answers a record change with a ChangeInfo to wait on; the proxy without one", async () => {
      const route53 = both(Route53Client);
      const zone = await route53.moto.send(
        new CreateHostedZoneCommand({ Name: "proxy-test.example.com", CallerReference: crypto.randomUUID() }),
      );
      const change = (action: "CREATE" | "DELETE", name: string) =>
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zone.HostedZone!.Id,
          ChangeBatch: {
            Changes: [
              {
                Action: action,
                ResourceRecordSet: { Name: name, Type: "TXT", TTL: 60, ResourceRecords: [{ Value: '"x"' }] },
              },
            ],
          },
        });
      const answers: Record<string, unknown> = {};
      for (const [via, client] of Object.entries(route53)) {
        const name = `${via}.proxy-test.example.com`;
        const created = await client.send(change("CREATE", name));
        const deleted = await client.send(change("DELETE", name));
        answers[via] = { create: created.ChangeInfo?.Status, delete: deleted.ChangeInfo?.Status };
      }
      expect(answers).toEqual({
        moto: { create: "INSYNC", delete: "INSYNC" },
        proxy: { create: undefined, delete: undefined },
      });
    });

    test("everything else passes through byte for byte (a DER CRL); a HEAD keeps moto's content-length", async () => {
      const s3 = clientOf(S3Client, false);
      const bucket = "pass-through";
      await s3.send(
        new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
      );
      // Not valid UTF-8: a body the proxy decoded and re-encoded as text would come back changed.
      const bytes = Buffer.concat([Buffer.from([0x30, 0x82, 0xff, 0xfe, 0x80]), crypto.randomBytes(4096)]);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "crl/ca.crl", Body: bytes }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "crl/ca.crl" }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes)).toBe(true);
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "crl/ca.crl" }));
      expect(head.ContentLength).toBe(bytes.length);
    });
  });
}
