// The PKCS#12 hand-over's real clients, from examples/client-handover: Java's HttpClient (JSSE, KeyStore
// "PKCS12") run by the JDK's single-file launcher, and Python's ssl module fed by `cryptography`'s PKCS#12
// reader. Each is one process for a whole test file, sent one request per line (a JVM takes about a second to
// start and compile the client), answering one line each.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { PROJECT_ROOT } from "../../lib/project-root";
import type { LayerAvailability } from "./layer-skip";

const EXAMPLES = path.join(PROJECT_ROOT, "examples", "client-handover");

export interface HandoverRequest {
  readonly p12: string;
  /** PEM of the CA(s) that issued the server's certificate. */
  readonly trust: string;
  readonly url: string;
}

export interface HandoverResult {
  readonly status?: number;
  readonly body: string;
  readonly error?: string;
}

function onPath(command: string, searchPath: string): boolean {
  return searchPath.split(path.delimiter).some((folder) => folder !== "" && fs.existsSync(path.join(folder, command)));
}

/** A JDK (javac beside java: the single-file launcher compiles), Python 3 with `cryptography`, curl, openssl. */
export function handoverClientsAvailability(searchPath = process.env.PATH ?? ""): LayerAvailability {
  const missing = ["java", "javac", "python3", "curl", "openssl"].filter((command) => !onPath(command, searchPath));
  if (missing.length > 0) {
    return { available: false, reason: `${missing.join(", ")} not on PATH (.ci/run installs them from Debian)` };
  }
  const python = spawnSync("python3", ["-c", "import cryptography.hazmat.primitives.serialization.pkcs12"]);
  if (python.status !== 0) {
    return { available: false, reason: "python3 has no cryptography package (Debian: python3-cryptography)" };
  }
  return { available: true };
}

function parse(line: string): HandoverResult {
  const match = /^(\d{3}) (.*)$/.exec(line);
  return match ? { status: Number(match[1]), body: match[2] } : { body: "", error: line };
}

/** One long-lived client process: a request is a line on its stdin, its answer a line on its stdout. */
export class LineClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(line: string) => void> = [];
  private readonly closed: Promise<void>;
  private stderr = "";

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(command, args, { cwd: EXAMPLES, env });
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => this.waiting.shift()?.(line));
    this.child.stderr.on("data", (chunk) => (this.stderr += chunk));
    this.child.on("error", (error) => (this.stderr += `${error.message}\n`));
    this.closed = new Promise((resolve) => {
      this.child.on("close", (code) => {
        for (const answer of this.waiting.splice(0)) answer(`error: exited ${code}: ${this.stderr.trim()}`);
        resolve();
      });
    });
  }

  request(request: HandoverRequest): Promise<HandoverResult> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(parse(line)));
      this.child.stdin.write(`${request.p12} ${request.trust} ${request.url}\n`);
    });
  }

  close(): Promise<void> {
    this.child.stdin.end();
    return this.closed;
  }
}

/**
 * For a JVM that lives seconds: no perf data (no /tmp/hsperfdata_<user> folder), and the client compiler and serial
 * collector only, which start faster and spend less CPU (keytool 0.62 -> 0.32 CPU s, the single-file launcher 0.93
 * -> 0.53).
 */
export const SHORT_LIVED_JVM_OPTIONS = ["-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

/** Java's HttpClient. The JVM keeps its files out of /tmp (its temporary folder given). */
export function javaClient(password: string, temporaryFolder: string): LineClient {
  const options = [...SHORT_LIVED_JVM_OPTIONS, `-Djava.io.tmpdir=${temporaryFolder}`];
  return new LineClient("java", [...options, "HandoverClient.java"], { ...process.env, P12_PASSWORD: password });
}

/** Python's ssl; its temporary folder for the re-encrypted key is inside the test's own. */
export function pythonClient(password: string, temporaryFolder: string): LineClient {
  return new LineClient("python3", ["handover_client.py"], {
    ...process.env,
    P12_PASSWORD: password,
    TMPDIR: temporaryFolder,
    PYTHONDONTWRITEBYTECODE: "1",
  });
}
