// Doc tests: every command block of README.md and docs/*.md runs here, in order, one shell session per document,
// in a copy of the project (sharing node_modules through a symlink), so the walkthroughs cannot drift. A block
// that cannot run offline carries a `<!-- not run: REASON -->` mark, checked here and listed as its own test. The
// proving ground's port 8443 becomes a free port, so a session never collides with a server already running.
// Afterwards, no file git would pick up may hold a private key.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { terraformAvailability } from "../../tools/terraform/cli";
import { commandBlocks, documentsUnderTest, type CommandBlock } from "../helpers/doc-blocks";
import { SHORT_LIVED_JVM_OPTIONS } from "../helpers/handover-clients";
import { testFolder } from "../helpers/pki";
import { spawnAsync } from "../helpers/processes";
import { terraformLayerRuns } from "../helpers/terraform-layer";

const BLOCK_MARKER = "@@doc-block@@";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function git(args: string[], cwd: string): Promise<string> {
  const result = await spawnAsync("git", args, { cwd });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** The project's files as git sees them (tracked, and new ones not ignored), in a fresh folder with a fresh index. */
async function projectCopy(): Promise<string> {
  const copy = path.join(testFolder("docs"), "project");
  const files = (await git(["ls-files", "-co", "--exclude-standard", "-z"], PROJECT_ROOT)).split("\0").filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(PROJECT_ROOT, file))) continue;
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(copy, file));
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(copy, "node_modules"));
  await git(["init", "-q"], copy);
  fs.appendFileSync(path.join(copy, ".git", "info", "exclude"), "/node_modules\n");
  await git(["add", "-A"], copy);
  return copy;
}

interface SessionResult {
  readonly status: number | null;
  /** The output of each block that ran, in order; a failing block's is the last. */
  readonly outputs: string[];
}

/** A document's session may take this long (a synth and a real plan of four stacks on a loaded machine). */
const SESSION_BOUND_MS = 12 * 60_000;

/**
 * Runs the blocks in one bash session (-e, pipefail). When the script ends, or overruns its bound, whatever it
 * left running (a gateway in the background, which also holds the output open) is ended with it.
 */
function runSession(blocks: CommandBlock[], cwd: string, port: number): Promise<SessionResult> {
  const script = [
    "set -eo pipefail",
    ...blocks.flatMap((block) => [`echo '${BLOCK_MARKER}'`, block.script.replaceAll("8443", String(port))]),
  ].join("\n");
  // The JVMs of client-handover.md (keytool, the single-file java launcher) live a second or less each.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    FORCE_COLOR: "0",
    JAVA_TOOL_OPTIONS: SHORT_LIVED_JVM_OPTIONS.join(" "),
  };
  delete env.MTLS_ENV;
  delete env.MTLS_CONFIG;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const endGroup = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Nothing left running.
      }
    };
    const bound = setTimeout(endGroup, SESSION_BOUND_MS);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", endGroup);
    child.on("close", (status) => {
      clearTimeout(bound);
      resolve({ status, outputs: output.split(`${BLOCK_MARKER}\n`).slice(1) });
    });
  });
}

async function keysGitWouldPickUp(copy: string): Promise<string[]> {
  const added = (await git(["ls-files", "-o", "--exclude-standard", "-z"], copy)).split("\0").filter(Boolean);
  return added.filter((file) => /PRIVATE KEY/.test(fs.readFileSync(path.join(copy, file), "latin1")));
}

const documents = documentsUnderTest(PROJECT_ROOT).map((document) => ({
  document,
  ...commandBlocks(fs.readFileSync(path.join(PROJECT_ROOT, document), "utf8")),
}));

test("README.md and every docs/*.md are under test", () => {
  expect(documents.map(({ document }) => document)).toEqual(
    expect.arrayContaining(["README.md", "docs/self-managed-pki.md", "docs/teams.md"]),
  );
});

describe.each(documents)("$document", ({ document, blocks, problems }) => {
  test("marks only command blocks, each with its reason", () => {
    expect(problems).toEqual([]);
  });

  const marked = blocks.filter((block) => block.notRun !== undefined);
  if (marked.length > 0) {
    test.each(marked.map((block) => [block.line, block.notRun]))("block at line %i is not run: %s", (_line, why) => {
      expect(String(why).length).toBeGreaterThan(10);
    });
  }

  const runnable = blocks.filter((block) => block.notRun === undefined);
  if (runnable.length === 0) return;
  if (runnable.some((block) => block.needsTerraform)) {
    if (!terraformLayerRuns(`doc test of ${document}`, terraformAvailability())) return;
  }

  test(
    `its ${runnable.length} command block(s) run in order, print what it shows, and leave no key for git`,
    async () => {
      const [copy, port] = await Promise.all([projectCopy(), freePort()]);
      try {
        await expectSession(runnable, copy, port);
      } finally {
        fs.rmSync(path.dirname(copy), { recursive: true, force: true });
      }
    },
    SESSION_BOUND_MS + 60_000,
  );
});

/** Runs a document's blocks in the copy: none fails, each prints what its output block lists, no key for git. */
async function expectSession(runnable: CommandBlock[], copy: string, port: number): Promise<void> {
  expect(runnable.length).toBeGreaterThan(0);
  const session = await runSession(runnable, copy, port);
  const failed = session.status === 0 ? undefined : runnable[session.outputs.length - 1];
  expect({
    failed: failed && `block at line ${failed.line} exited ${session.status}`,
    output: failed && session.outputs[session.outputs.length - 1].slice(-3000),
  }).toEqual({ failed: undefined, output: undefined });
  runnable.forEach((block, index) => {
    const expected = block.expectedOutput.map((line) => line.replaceAll("8443", String(port)));
    const printed = session.outputs[index].split("\n");
    const missing = expected.filter((line) => !session.outputs[index].includes(line));
    // Beside each missing line, what the block printed on lines that start the same way.
    const instead = printed.filter((line) => missing.some((wanted) => line.slice(0, 8) === wanted.slice(0, 8)));
    expect({ block: block.line, missing, instead }).toEqual({ block: block.line, missing: [], instead: [] });
  });
  expect(await keysGitWouldPickUp(copy)).toEqual([]);
}
