// pki status: every CA, certificate and CRL with its expiry and days left, after checking that the files are
// what pki.json records (integrity.ts); exits 1 when a check fails or anything in use is expired or expires
// within the warning threshold.
import * as path from "node:path";
import { compareWithFolder, readDeployedCrl } from "../../../lib/pki-folder/deployed-crl";
import { bundledAuthorities, bundledIssuingCas, type Manifest } from "../../../lib/pki-folder/manifest";
import { PROJECT_ROOT } from "../../../lib/project-root";
import { crlWarnAt } from "../../../lib/pki-folder/crl-schedule";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { crlDatesOnDisk } from "./crl";
import { checkIntegrity } from "./integrity";
import { deployedCrlDer } from "../deployed-state";
import { loadManifest, readCertificate } from "../store";
import { pkiCommand, pkiContext, printed } from "../command-line";

const DAY = 24 * 60 * 60 * 1000;

export interface StatusRow {
  readonly kind: "root CA" | "issuing CA" | "client" | "server" | "CRL";
  readonly name: string;
  readonly subject: string;
  readonly serialNumber: string;
  readonly expires: string;
  readonly daysLeft: number;
  /** ok, expiring (within the threshold), expired, revoked, retired or missing. */
  readonly state: string;
}

export interface StatusOptions {
  /** @default settings.expiryWarningDays */
  readonly warningDays?: number;
  readonly json?: boolean;
}

type RowInput = Omit<StatusRow, "expires" | "daysLeft" | "state"> & { readonly expires: Date; readonly state?: string };

function row(input: RowInput, now: Date, warningDays: number): StatusRow {
  const daysLeft = Math.floor((input.expires.getTime() - now.getTime()) / DAY);
  const state = input.state ?? (input.expires <= now ? "expired" : daysLeft < warningDays ? "expiring" : "ok");
  return { ...input, expires: input.expires.toISOString(), daysLeft, state };
}

function statusRows(context: PkiContext, manifest: Manifest, warningDays: number): StatusRow[] {
  const now = context.now();
  const bundled = new Set(bundledAuthorities(manifest).map((ca) => ca.name));
  const inUse = (ca: string) => (bundled.has(ca) ? undefined : "retired");
  const authorities = manifest.authorities.map((ca) => {
    const certificate = readCertificate(context, context.layout.caCertificate(ca.name));
    const kind = ca.role === "root" ? "root CA" : "issuing CA";
    return row(
      {
        kind,
        name: ca.name,
        subject: certificate.subject,
        serialNumber: ca.serialNumber,
        expires: certificate.notAfter,
        state: inUse(ca.name),
      },
      now,
      warningDays,
    );
  });
  // A CRL is re-signed at half its life (pki crl --if-due): it is "expiring" once under a quarter is left, days
  // before its nextUpdate, whatever warningDays says (lib/pki-folder/crl-schedule.ts).
  const crls = manifest.authorities
    .filter((ca) => ca.role === "issuing" && bundled.has(ca.name))
    .map((ca) => {
      const dates = crlDatesOnDisk(context, ca.name);
      const base = { kind: "CRL" as const, name: ca.name, serialNumber: "-" };
      if (!dates)
        return row({ ...base, subject: "(no CRL: run `npm run pki -- crl`)", expires: now, state: "missing" }, now, 0);
      const late = dates.nextUpdate > now && now >= crlWarnAt(dates) ? "expiring" : undefined;
      return row({ ...base, subject: `CRL number ${ca.crlNumber}`, expires: dates.nextUpdate, state: late }, now, 0);
    });
  const certificates = manifest.certificates.map((certificate) =>
    row(
      {
        kind: certificate.kind,
        name: certificate.name,
        subject: certificate.subject,
        serialNumber: certificate.serialNumber,
        expires: new Date(certificate.notAfter),
        state: certificate.revoked ? "revoked" : inUse(certificate.issuer),
      },
      now,
      warningDays,
    ),
  );
  return [...authorities, ...crls, ...certificates];
}

/** A folder behind the CRL its pki stack last deployed (restored from an older backup): one problem per CA. */
function deployedCrlProblems(context: PkiContext, manifest: Manifest): string[] {
  const stateFile = context.deployedState;
  if (!stateFile) return [];
  return bundledIssuingCas(manifest).flatMap((ca) => {
    const der = deployedCrlDer(stateFile, ca.name);
    if (!der) return [];
    const inProject = stateFile.startsWith(`${PROJECT_ROOT}${path.sep}`);
    const where = `the pki stack's state (${inProject ? path.relative(PROJECT_ROOT, stateFile) : stateFile})`;
    const finding = compareWithFolder(readDeployedCrl(der), manifest, ca, where);
    return finding.status === "problem" ? [finding.message] : [];
  });
}

const NEEDS_ACTION = new Set(["expired", "expiring", "missing"]);

/** Holds the lock so that it reads no commit half done, but repairs nothing: it reports, with the fix. */
export function status(context: PkiContext, options: StatusOptions = {}): Promise<CommandResult> {
  return exclusively(context, "status", () => report(context, options), { recover: false });
}

async function report(context: PkiContext, options: StatusOptions): Promise<CommandResult> {
  const warningDays = options.warningDays ?? context.settings.expiryWarningDays;
  const manifest = loadManifest(context);
  const { problems, skipped } = await checkIntegrity(context, manifest);
  problems.push(...deployedCrlProblems(context, manifest));
  const rows = statusRows(context, manifest, warningDays);
  const attention = rows.filter((candidate) => NEEDS_ACTION.has(candidate.state));
  const exitCode = attention.length > 0 || problems.length > 0 ? 1 : 0;
  if (options.json) {
    return {
      lines: [JSON.stringify({ warningDays, rows, needsAction: attention.length, problems, skipped }, null, 2)],
      exitCode,
    };
  }
  const table = [
    ["KIND", "NAME", "SUBJECT", "SERIAL", "EXPIRES", "DAYS LEFT", "STATE"],
    ...rows.map((r) => [
      r.kind,
      r.name,
      r.subject,
      r.serialNumber,
      r.expires.slice(0, 10),
      String(r.daysLeft),
      r.state,
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const lines = table.map((cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd(),
  );
  lines.push(
    attention.length > 0
      ? `${attention.length} item(s) expired, missing or expiring within ${warningDays} days: renew, re-sign (pki crl) or rotate (pki rotate).`
      : `Nothing expires within ${warningDays} days.`,
    ...problems.map((problem) => `PROBLEM: ${problem}`),
    ...skipped.map((line) => `not checked: ${line}`),
    problems.length > 0
      ? `${problems.length} problem(s): the files disagree with pki.json; fix them before deploying.`
      : `${skipped.length > 0 ? "CRLs and the truststore" : "CA keys, CRLs and the truststore"} match pki.json.`,
  );
  return { lines, exitCode };
}

export const STATUS_COMMAND = pkiCommand({
  name: "status",
  summary: "check the files against pki.json and list everything with its expiry; exit 1 when something needs action",
  options: {
    "warn-days": {
      type: "integer",
      min: 1,
      unit: "days",
      description: "needs action within N days (default: pki.expiryWarningDays from the configuration)",
    },
    json: { type: "boolean", description: "print the rows as JSON" },
    "deployed-state": {
      type: "path",
      kind: "file",
      check: "exists",
      description:
        "the pki stack's Terraform state (terraform state pull): a folder behind the CRLs it published is a problem (default: the local backend's state file)",
    },
  },
  run: async ({ values }) => {
    const context = pkiContext(values);
    const deployedState = values["deployed-state"] ?? context.deployedState;
    return printed(
      await status({ ...context, deployedState }, { warningDays: values["warn-days"], json: values.json }),
    );
  },
});
