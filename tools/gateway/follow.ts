// Keeps a running proving ground in step with its PKI folder, so that `pki revoke`, `pki rotate` or a new
// server certificate takes effect within seconds, without a restart. The folders of the files it serves with
// are watched (fs.watch, debounced: one command writes several files) and polled as a fallback (watch events
// can be lost, on network file systems for one). A change is loaded in full and checked before it replaces
// anything, so a half-written file keeps the last good state, and is reported once.
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { createSecureContext } from "node:tls";
import { DEFAULT_CRL_REFRESH_SECONDS, type Logger } from "../../functions/authorizer/authorizer";
import { readCrl } from "../../functions/authorizer/crl";
import { readIssuingCa } from "../../functions/authorizer/issuing-ca";
import { PkiError } from "../../lib/pki-folder/errors";
import type { PkiLayout } from "../../lib/pki-folder/layout";
import type { Authorize } from "./authorization";
import {
  gatewayFiles,
  readGatewayMaterial,
  type GatewayFiles,
  type GatewayMaterial,
  type GatewayOverrides,
} from "./files";
import { issuersFromFiles, localAuthorizer, type AuthorizerTuning } from "./local-authorizer";
import { secureContextOptions, type RunningGateway } from "./server";

export interface PkiSource {
  readonly layout: PkiLayout;
  readonly overrides?: GatewayOverrides;
  /** The authorizer's settings (the environment's api.authorizer); crlRefreshSeconds also paces the poll. */
  readonly authorizer?: AuthorizerTuning;
  /** Where the authorizer's decision and CRL lines go. @default one JSON line on stdout */
  readonly authorizerLog?: Logger;
}

/** Everything the gateway serves with, read and checked together. */
export interface ServedPki {
  readonly files: GatewayFiles;
  readonly material: GatewayMaterial;
  readonly authorize: Authorize;
}

export interface FollowLogEntry {
  readonly level: "INFO" | "ERROR";
  readonly event: "pki_reloaded" | "pki_reload_failed";
  readonly message: string;
  /** The files that changed since the last load (or attempt), as messages show them. */
  readonly changed: string[];
}

export interface FollowOptions extends PkiSource {
  readonly log: (entry: FollowLogEntry) => void;
  /** Quiet time after the last change event before reloading. @default 200 */
  readonly debounceMs?: number;
  /** Fallback poll for changes the watch missed. @default 5000, or the CRL refresh when shorter */
  readonly pollMs?: number;
  /** false leaves only the poll. @default true */
  readonly watch?: boolean;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function checkTruststore(file: string, pem: string): void {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  const outside = pem.replace(PEM_CERTIFICATE, "").trim();
  if (blocks.length === 0 || outside) {
    throw new PkiError(
      `the truststore bundle ${shown(file)} holds text outside complete PEM certificates (half-written?): rewrite it with \`npm run pki -- bundle\``,
    );
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new PkiError(`the truststore bundle ${shown(file)} holds an unreadable certificate: ${reason(error)}`);
    }
  }
}

function checkCrls(files: GatewayFiles, material: GatewayMaterial): void {
  for (const { name, pem } of material.issuingCas) {
    const file = files.crls[name];
    try {
      readCrl(fs.readFileSync(file), readIssuingCa(name, pem));
    } catch (error) {
      throw new PkiError(
        `the CRL ${shown(file)} of ${name} is unusable: ${reason(error)}; re-sign it with \`npm run pki -- crl\``,
      );
    }
  }
}

/** Reads and checks everything the gateway serves with; throws a PkiError naming the file that is unusable. */
export function loadServedPki(source: PkiSource): ServedPki {
  const files = gatewayFiles(source.layout, source.overrides);
  const material = readGatewayMaterial(files, source.layout);
  checkTruststore(files.truststore, material.truststorePem);
  try {
    createSecureContext(secureContextOptions(material));
  } catch (error) {
    throw new PkiError(
      `the server certificate ${shown(files.certificate)} and key ${shown(files.key)} cannot serve TLS (${reason(error)}): issue them again with \`npm run pki -- server --replace\`, or pass --cert and --key`,
    );
  }
  checkCrls(files, material);
  const authorize = localAuthorizer({
    ...source.authorizer,
    issuers: issuersFromFiles(material, files),
    log: source.authorizerLog,
  });
  return { files, material, authorize };
}

/** Every file a load reads: a change to any of them is a reason to load again. */
function filesRead(layout: PkiLayout, files: GatewayFiles): string[] {
  const cas = Object.keys(files.crls).map((name) => layout.caCertificate(name));
  return [layout.manifest, files.truststore, files.certificate, files.key, ...cas, ...Object.values(files.crls)];
}

/** What identifies a file's version without reading it: an atomic rename changes the inode, a rewrite the rest. */
function stamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    return "missing";
  }
}

export class PkiFollower {
  private served: ServedPki;
  /** The stamp of each file at the last load or attempt: a failed attempt is not repeated until a file changes. */
  private seen: Map<string, string>;
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private debounce?: NodeJS.Timeout;
  private poll?: NodeJS.Timeout;
  private gateway?: RunningGateway;

  /** Loads the PKI folder; throws a PkiError when it cannot be served. */
  constructor(private readonly options: FollowOptions) {
    // Stamped before reading, so a change made while the first load runs is seen by the first check.
    this.seen = this.stamps(gatewayFiles(options.layout, options.overrides));
    this.served = loadServedPki(options);
  }

  get files(): GatewayFiles {
    return this.served.files;
  }

  get material(): GatewayMaterial {
    return this.served.material;
  }

  /** The authorizer of the last good load, for the gateway to call on every request. */
  readonly authorize: Authorize = (event) => this.served.authorize(event);

  /** Starts following the folder: from now on a good change reaches the gateway's TLS layer and authorizer. */
  follow(gateway: RunningGateway): void {
    this.gateway = gateway;
    this.watchFolders();
    const refreshMs = (this.options.authorizer?.crlRefreshSeconds ?? DEFAULT_CRL_REFRESH_SECONDS) * 1000;
    this.poll = setInterval(() => this.check(), this.options.pollMs ?? Math.min(5000, refreshMs));
    this.poll.unref();
  }

  stop(): void {
    clearInterval(this.poll);
    clearTimeout(this.debounce);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Loads again when a file changed since the last load or attempt; true when the gateway now serves it. */
  check(): boolean {
    const files = this.currentFiles();
    const stamps = this.stamps(files);
    const changed = [...stamps].filter(([file, value]) => this.seen.get(file) !== value).map(([file]) => shown(file));
    if (changed.length === 0) return false;
    this.seen = stamps;
    let reloaded = false;
    try {
      const next = loadServedPki(this.options);
      this.gateway?.reloadTls(next.material);
      this.served = next;
      reloaded = true;
      this.options.log({
        level: "INFO",
        event: "pki_reloaded",
        message: `serving the PKI folder as changed (${changed.join(", ")}): truststore, server certificate, issuing CAs and CRLs`,
        changed,
      });
    } catch (error) {
      this.options.log({
        level: "ERROR",
        event: "pki_reload_failed",
        message: `${reason(error)}; still serving the last good state until the files change again`,
        changed,
      });
    }
    this.watchFolders();
    return reloaded;
  }

  /** The files of the folder's current record; the last good ones while the record itself is unreadable. */
  private currentFiles(): GatewayFiles {
    try {
      return gatewayFiles(this.options.layout, this.options.overrides);
    } catch {
      return this.served.files;
    }
  }

  private stamps(files: GatewayFiles): Map<string, string> {
    return new Map(filesRead(this.options.layout, files).map((file) => [file, stamp(file)]));
  }

  private watchFolders(): void {
    if (this.options.watch === false || !this.gateway) return;
    const folders = new Set([...this.seen.keys()].map((file) => path.dirname(file)));
    for (const [folder, watcher] of this.watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of folders) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = fs.watch(folder, { persistent: false }, () => this.scheduleCheck());
        // A folder that goes away is left to the poll; the next check watches it again if it comes back.
        watcher.on("error", () => {
          watcher.close();
          this.watchers.delete(folder);
        });
        this.watchers.set(folder, watcher);
      } catch {
        // Not there (yet): the poll covers it.
      }
    }
  }

  private scheduleCheck(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.check(), this.options.debounceMs ?? 200);
    this.debounce.unref();
  }
}
