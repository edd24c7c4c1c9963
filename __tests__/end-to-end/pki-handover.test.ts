// The PKCS#12 file `pki export --p12` hands a client team, proven in the clients they run, through the proving
// ground: Java's HttpClient (JSSE, KeyStore "PKCS12"), Python's ssl module, curl --cert-type P12, Node's https
// (pfx) and openssl, for every key combination the configuration allows (EC or RSA CAs, EC or RSA client keys).
// One Java and one Python process serve every request of the file; the PKIs and their proving grounds are shared.
import { X509Certificate, createPrivateKey, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { KeyAlgorithm } from "../../lib/config/pki-algorithms";
import { issue } from "../../tools/pki/commands/issue";
import { init } from "../../tools/pki/commands/init";
import { revoke } from "../../tools/pki/commands/revoke";
import { rotate } from "../../tools/pki/commands/rotate";
import { exportP12 } from "../../tools/pki/commands/export";
import type { PkiContext } from "../../tools/pki/context";
import { generateKeys, privateKeyPem } from "../../tools/pki/crypto/keys";
import { loadManifest } from "../../tools/pki/store";
import { defaultGatewayFiles, readGatewayMaterial } from "../../tools/gateway/files";
import { issuersFromFiles, localAuthorizer } from "../../tools/gateway/local-authorizer";
import {
  handoverClientsAvailability,
  javaClient,
  pythonClient,
  type HandoverResult,
  type LineClient,
} from "../helpers/handover-clients";
import { layerRuns } from "../helpers/layer-skip";
import { selfManagedSettings, testFolder, testContext } from "../helpers/pki";
import { openssl } from "../helpers/processes";
import { startProvingGround, type StartedGround } from "../helpers/proving-ground";
import { curl, nodeHttps, type ClientCall } from "../helpers/tls-clients";

type CaProfile = "EC" | "RSA" | "EC-P384";

const CA_SETTINGS: Record<CaProfile, { keyAlgorithm: KeyAlgorithm; signingAlgorithm: string }> = {
  EC: { keyAlgorithm: "EC_prime256v1", signingAlgorithm: "SHA256WITHECDSA" },
  RSA: { keyAlgorithm: "RSA_2048", signingAlgorithm: "SHA256WITHRSA" },
  "EC-P384": { keyAlgorithm: "EC_secp384r1", signingAlgorithm: "SHA384WITHECDSA" },
};

// The shipped configuration (EC CAs, RSA client keys) first. RSA_4096 keys are left out: the same RSA code paths
// as RSA_2048, for one to two CPU seconds of key generation.
const CASES: ReadonlyArray<{ ca: CaProfile; key: KeyAlgorithm; name: string }> = [
  { ca: "EC", key: "RSA_2048", name: "ec-ca-rsa-client" },
  { ca: "EC", key: "EC_prime256v1", name: "ec-ca-ec-client" },
  { ca: "RSA", key: "RSA_2048", name: "rsa-ca-rsa-client" },
  { ca: "RSA", key: "EC_secp384r1", name: "rsa-ca-ec-client" },
  { ca: "EC-P384", key: "EC_secp384r1", name: "p384-ca-ec-client" },
];

interface Authority {
  readonly pki: PkiContext;
  ground: StartedGround;
}

/** A proving ground whose authorizer reads each CRL afresh on its first request, as after a redeploy. */
function ground(pki: PkiContext): Promise<StartedGround> {
  const material = readGatewayMaterial(defaultGatewayFiles(pki.layout), pki.layout);
  const issuers = issuersFromFiles(material, defaultGatewayFiles(pki.layout));
  return startProvingGround({ pki, material }, { authorize: localAuthorizer({ issuers, log: () => {} }) });
}

async function authority(folder: string, profile: CaProfile): Promise<Authority> {
  const settings = selfManagedSettings((pki) => Object.assign(pki, CA_SETTINGS[profile]));
  const pki = testContext(path.join(folder, `${profile.toLowerCase()}-ca`), { settings });
  await init(pki);
  // An EC server key whatever the CA: RSA key generation is the costly part of making these PKIs.
  await issue(withClientKey(pki, "EC_prime256v1"), { name: "localhost", kind: "server" });
  return { pki, ground: await ground(pki) };
}

function withClientKey(pki: PkiContext, keyAlgorithm: KeyAlgorithm): PkiContext {
  const clientCertificates = { ...pki.settings.clientCertificates, keyAlgorithm };
  return { ...pki, settings: { ...pki.settings, clientCertificates } };
}

/** What openssl reads out of a PKCS#12 file: `pkcs12` with the password from the environment, never argv. */
function fromP12(file: string, password: string, args: string[]): string {
  const run = openssl(["pkcs12", "-in", file, "-passin", "env:P12_PASSWORD", ...args], {
    env: { ...process.env, P12_PASSWORD: password },
  });
  if (run.status !== 0) throw new Error(`openssl pkcs12 ${args.join(" ")}: ${run.stderr.trim()}`);
  return run.stdout + run.stderr;
}

function derOf(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block).raw);
}

/** 200, and the proving ground's echo names this client: HandoverResult and curl's or Node's ClientResult alike. */
function expectAllowed(result: HandoverResult, name: string) {
  expect({ error: result.error, status: result.status }).toEqual({ error: undefined, status: 200 });
  expect(JSON.parse(result.body).clientCertificate.subjectDN).toBe(`CN=${name}`);
}

test("without a JDK on PATH the layer says what is missing (a skip here, a failure under MTLS_REQUIRE_ALL_LAYERS=1)", () => {
  const withoutJava = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((folder) => !fs.existsSync(path.join(folder, "java")) && !fs.existsSync(path.join(folder, "javac")))
    .join(path.delimiter);
  expect(handoverClientsAvailability(withoutJava)).toEqual({
    available: false,
    reason: expect.stringMatching(/^java, javac(, [a-z0-9]+)* not on PATH \(\.ci\/run installs them from Debian\)$/),
  });
});

describe("PKCS#12 hand-over in the clients a partner runs", () => {
  if (!layerRuns("PKCS#12 hand-over (Java, Python, curl)", handoverClientsAvailability())) return;

  const folder = testFolder("handover");
  const clientTemp = path.join(folder, "client-temp");
  const password = randomBytes(12).toString("hex");
  const authorities = {} as Record<CaProfile, Authority>;
  const p12 = (name: string) => path.join(folder, `${name}.p12`);
  let java: LineClient;
  let python: LineClient;

  const request = (profile: CaProfile, name: string, file = p12(name)) => ({
    p12: file,
    trust: authorities[profile].pki.layout.truststore,
    url: `${authorities[profile].ground.gateway.url}/hello`,
  });
  const p12Call = (profile: CaProfile, file: string): ClientCall => ({
    url: authorities[profile].ground.gateway.url,
    truststore: authorities[profile].pki.layout.truststore,
    p12: { file, password },
    weakClientConfig: "",
    path: "/hello",
  });

  /**
   * The file holds the client's certificate and its issuing CA exactly as issued, and the key as the PKI keeps it;
   * `openssl verify` builds the chain from the file's CA to the root. Returns the issuer and the key's type.
   */
  function expectHoldsIssued(pki: PkiContext, name: string, file = p12(name)) {
    const issuer = loadManifest(pki)
      .certificates.filter((certificate) => certificate.name === name)
      .at(-1)!.issuer;
    const [issued] = derOf(fs.readFileSync(pki.layout.certificate("client", name), "utf8"));
    const [issuingCa] = derOf(fs.readFileSync(pki.layout.caCertificate(issuer), "utf8"));
    const own = fromP12(file, password, ["-nokeys", "-clcerts"]);
    const chain = fromP12(file, password, ["-nokeys", "-cacerts"]);
    expect(derOf(own)).toEqual([issued]);
    expect(derOf(chain)).toEqual([issuingCa]);
    const keyInside = createPrivateKey(fromP12(file, password, ["-nocerts", "-nodes"]));
    expect(keyInside.equals(createPrivateKey(fs.readFileSync(pki.layout.key("client", name))))).toBe(true);
    const untrusted = path.join(folder, `${name}.chain.pem`);
    fs.writeFileSync(untrusted, chain);
    const verified = openssl(
      ["verify", "-CAfile", pki.layout.caCertificate("root-1"), "-untrusted", untrusted, "-purpose", "sslclient"],
      { input: own },
    );
    expect({ status: verified.status, out: verified.stdout.trim() }).toEqual({ status: 0, out: "stdin: OK" });
    return { issuer, keyType: keyInside.asymmetricKeyType };
  }

  beforeAll(async () => {
    fs.mkdirSync(clientTemp);
    // The JVM starts and compiles the client while the PKIs are made.
    java = javaClient(password, clientTemp);
    python = pythonClient(password, clientTemp);
    const profiles = Object.keys(CA_SETTINGS) as CaProfile[];
    const made = await Promise.all(profiles.map((profile) => authority(folder, profile)));
    profiles.forEach((profile, index) => (authorities[profile] = made[index]));
    for (const { ca, key, name } of CASES) {
      await issue(withClientKey(authorities[ca].pki, key), { name });
      await exportP12(authorities[ca].pki, { name, password, out: p12(name) });
    }
  });
  afterAll(async () => {
    await Promise.all([java?.close(), python?.close()]);
    await Promise.all(Object.values(authorities).map(({ ground }) => ground.gateway.close()));
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("covers EC and RSA CAs with EC and RSA client keys, and both curves and SHA-384 signatures", () => {
    expect(CASES).toHaveLength(5);
    const family = (algorithm: KeyAlgorithm) => algorithm.slice(0, 2);
    expect(new Set(CASES.map(({ ca, key }) => `${family(CA_SETTINGS[ca].keyAlgorithm)} ${family(key)}`)).size).toBe(4);
    expect(new Set(CASES.flatMap(({ ca, key }) => [CA_SETTINGS[ca].keyAlgorithm, key]))).toEqual(
      new Set(["RSA_2048", "EC_prime256v1", "EC_secp384r1"]),
    );
    expect(new Set(Object.values(CA_SETTINGS).map(({ signingAlgorithm }) => signingAlgorithm))).toContain(
      "SHA384WITHECDSA",
    );
  });

  describe.each(CASES)("$ca CA, $key client key", ({ ca, key, name }) => {
    const pki = () => authorities[ca].pki;

    test("holds the issued certificate and its issuing CA byte for byte, and the issued key; openssl verify accepts the chain", () => {
      expect(expectHoldsIssued(pki(), name)).toEqual({
        issuer: "issuing-1",
        keyType: key.startsWith("RSA") ? "rsa" : "ec",
      });
    });

    test("is protected with PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA256) and a SHA-256 MAC", () => {
      const info = fromP12(p12(name), password, ["-info", "-noout"]);
      expect(info).toMatch(/^MAC: sha256, Iteration \d+$/m);
      const schemes = info.match(/^(PKCS7 Encrypted data|Shrouded Keybag): .*$/gm) ?? [];
      expect(schemes).toHaveLength(2);
      for (const scheme of schemes)
        expect(scheme).toMatch(/: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256$/);
    });

    test("Java HttpClient (JSSE) with the PKCS#12 key store -> 200", async () => {
      expectAllowed(await java.request(request(ca, name)), name);
    });

    test("Python ssl with the PKCS#12's key and certificates -> 200", async () => {
      expectAllowed(await python.request(request(ca, name)), name);
    });

    test("curl --cert-type P12 -> 200", async () => {
      expectAllowed(await curl(p12Call(ca, p12(name))), name);
    });

    test("Node's https with the file as pfx -> 200", async () => {
      expectAllowed(await nodeHttps(p12Call(ca, p12(name))), name);
    });
  });

  test("Java: 200, then 403 once the certificate is revoked", async () => {
    const { pki } = authorities.EC;
    await issue(withClientKey(pki, "EC_prime256v1"), { name: "leaving" });
    await exportP12(pki, { name: "leaving", password, out: p12("leaving") });
    expectAllowed(await java.request(request("EC", "leaving")), "leaving");
    await revoke(pki, { certificate: "leaving", reason: "cessationOfOperation" });
    // The authorizer reads the new CRL when it starts, as the Lambda's next cold start or refresh does.
    await authorities.EC.ground.gateway.close();
    authorities.EC.ground = await ground(pki);
    const refused = await java.request(request("EC", "leaving"));
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(authorities.EC.ground.log.at(-1)?.refusal).toBe("authorizer-denied");
  });

  test("after an issuing CA rotation the file carries the new issuing CA, and Java gets 200", async () => {
    const { pki } = authorities["EC-P384"];
    await rotate(pki, "issuing");
    await issue(withClientKey(pki, "EC_secp384r1"), { name: "after-rotation" });
    await exportP12(pki, { name: "after-rotation", password, out: p12("after-rotation") });
    expect(expectHoldsIssued(pki, "after-rotation")).toEqual({ issuer: "issuing-2", keyType: "ec" });
    // The truststore now holds both issuing CAs: the proving ground reads it again, as API Gateway after the update.
    await authorities["EC-P384"].ground.gateway.close();
    authorities["EC-P384"].ground = await ground(pki);
    expectAllowed(await java.request(request("EC-P384", "after-rotation")), "after-rotation");
  });

  test("--legacy: 3DES and a SHA-1 MAC, which Java, Python and curl still open -> 200", async () => {
    const { pki } = authorities.EC;
    const file = p12("legacy");
    await exportP12(pki, { name: CASES[0].name, password, out: file, protection: "legacy" });
    const info = fromP12(file, password, ["-info", "-noout"]);
    expect(info).toMatch(/^MAC: sha1, Iteration \d+$/m);
    expect(info.match(/: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration \d+$/gm)).toHaveLength(2);
    const name = CASES[0].name;
    expectAllowed(await java.request(request("EC", name, file)), name);
    expectAllowed(await python.request(request("EC", name, file)), name);
    expectAllowed(await curl(p12Call("EC", file)), name);
  });

  test("a key that does not match the certificate (replaced under the export) is refused, and nothing is written", async () => {
    const { pki } = authorities.EC;
    await issue(withClientKey(pki, "EC_prime256v1"), { name: "swapped" });
    const other = await generateKeys({ type: "ec", namedCurve: "P-256" });
    fs.writeFileSync(pki.layout.key("client", "swapped"), privateKeyPem(other.privateKey));
    const out = p12("swapped");
    await expect(exportP12(pki, { name: "swapped", password, out })).rejects.toThrow(
      /^openssl pkcs12 -export refused the client's key and certificate \(.*\); nothing was written$/,
    );
    expect(fs.readdirSync(folder).filter((file) => file.includes("swapped"))).toEqual([]);
  });

  test("a wrong password is refused by Java and Python alike", async () => {
    const wrong = path.join(folder, "wrong.p12");
    await exportP12(authorities.EC.pki, { name: CASES[0].name, password: `${password}x`, out: wrong });
    const [javaResult, pythonResult] = await Promise.all([
      java.request(request("EC", "x", wrong)),
      python.request(request("EC", "x", wrong)),
    ]);
    expect(javaResult.error).toMatch(/^error java\.io\.IOException: .*(password|integrity|MAC)/i);
    expect(pythonResult.error).toMatch(/^error ValueError: Invalid password or PKCS12 data/);
  });
});
