"use strict";
// node tools/run-bundled.cjs <entry.ts> [args...]: runs one of the project's TypeScript entry points (tools/...,
// main.ts) from a bundle esbuild makes of it and of the project files it imports. Packages stay in node_modules.
// The bundle is made again only when one of those files has changed (a fingerprint of their contents names it),
// so a tool starts in about 60 % of the CPU time a loader that compiles on every start (tsx) takes.
// Plain CommonJS: it has to run before anything is compiled.
const { createHash, randomUUID } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
// Where tools keep caches; packages resolve from there as from the sources. The launcher tells the bundle its
// project (lib/project-root.ts), since node_modules may be a link to another checkout's.
const CACHE = path.join(ROOT, "node_modules", ".cache", "apigw-mtls-bundles");

/** How a bundle is made: this file (its build options), the tsconfig esbuild reads, and esbuild's version. */
function recipe() {
  const esbuild = fs.readFileSync(path.join(ROOT, "node_modules", "esbuild", "package.json"), "utf8");
  const tsconfig = fs.existsSync(path.join(ROOT, "tsconfig.json"))
    ? fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")
    : "";
  return `${fs.readFileSync(__filename, "utf8")}\0${tsconfig}\0${JSON.parse(esbuild).version}\0`;
}

/** The fingerprint of a bundle: its recipe and its inputs' paths and contents; undefined when an input is gone. */
function fingerprint(inputs) {
  const hash = createHash("sha256").update(recipe());
  for (const input of inputs) {
    let content;
    try {
      content = fs.readFileSync(path.join(ROOT, input));
    } catch {
      return undefined;
    }
    hash.update(`${input}\0`).update(content).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function writeAtomically(file, content) {
  const temporary = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** The bundle of `entry` (a path relative to the project root), made when missing or out of date. */
function bundleOf(entry) {
  const name = entry.replace(/\.ts$/, "").replace(/[\\/]/g, "~");
  const inputsFile = path.join(CACHE, `${name}.inputs.json`);
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
  } catch {
    inputs = undefined;
  }
  const current = inputs && fingerprint(inputs);
  if (current && fs.existsSync(path.join(CACHE, `${name}.${current}.cjs`))) {
    return path.join(CACHE, `${name}.${current}.cjs`);
  }

  // esbuild is loaded only to build: a fresh bundle starts without it.
  const esbuild = require("esbuild");
  let built;
  try {
    built = esbuild.buildSync({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      packages: "external",
      write: false,
      // Not written here; it places the source map's paths relative to the cache folder.
      outfile: path.join(CACHE, `${name}.cjs`),
      metafile: true,
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
    });
  } finally {
    // buildSync keeps a worker thread for later builds; there are none, and a test worker must be able to exit.
    void esbuild.stop();
  }
  const madeFrom = Object.keys(built.metafile.inputs).sort();
  const bundle = path.join(CACHE, `${name}.${fingerprint(madeFrom)}.cjs`);
  fs.mkdirSync(CACHE, { recursive: true });
  // The bundle first, then the list that finds it: a reader never finds a list whose bundle is not there yet.
  writeAtomically(bundle, built.outputFiles[0].contents);
  writeAtomically(inputsFile, JSON.stringify(madeFrom));
  for (const old of fs.readdirSync(CACHE)) {
    if (old.startsWith(`${name}.`) && old.endsWith(".cjs") && path.join(CACHE, old) !== bundle) {
      fs.rmSync(path.join(CACHE, old), { force: true });
    }
  }
  return bundle;
}

/**
 * npm runs a script in the project's folder and says in INIT_CWD where the user typed the command: a tool npm
 * started as its own script (npm run pki -- ...) works from there, so the paths a user gives (--dir ../pki/x,
 * MTLS_CONFIG=my.json) resolve as typed, from any folder. A tool started any other way (by a test under npm test,
 * by cdktf) keeps the folder it was started in.
 */
function userDirectory(entry, env = process.env) {
  const [command, launcher, script] = (env.npm_lifecycle_script ?? "").split(/\s+/);
  const ours = command === "node" && launcher === "tools/run-bundled.cjs" && script === entry;
  return ours && env.INIT_CWD ? env.INIT_CWD : undefined;
}

module.exports = { bundleOf, userDirectory };

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry || !/\.ts$/.test(entry)) {
    console.error("usage: node tools/run-bundled.cjs <entry.ts> [args...] (a TypeScript entry point of the project)");
    process.exit(2);
  }
  let bundle;
  try {
    bundle = bundleOf(path.relative(ROOT, path.resolve(entry)));
  } catch (error) {
    const messages = (error.errors ?? []).map((found) => {
      const where = found.location ? `${found.location.file}:${found.location.line}: ` : "";
      return `${where}${found.text}`;
    });
    console.error(`${entry}: could not be bundled: ${messages.join("; ") || error.message}`);
    process.exit(3);
  }
  // The project is the one this launcher lies in, wherever the bundle is (lib/project-root.ts).
  globalThis[Symbol.for("apigw-mtls.project-root")] = ROOT;
  const from = userDirectory(entry);
  if (from) process.chdir(from);
  // The bundle runs as the main module, as the entry would: `require.main === module` holds in it.
  process.argv = [process.argv[0], bundle, ...args];
  Module.runMain();
}
