"use strict";
// A process's peak resident memory, in kilobytes. Linux's VmHWM belongs to the memory the program got at exec;
// getrusage's maxRSS also carries the peak of the process it was forked from (a jest worker or a bench holding a
// large CRL), so it is only the fallback where there is no /proc.
const fs = require("node:fs");

function peakResidentKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]);
  } catch {
    // not Linux: no /proc
  }
  return process.resourceUsage().maxRSS;
}

module.exports = { peakResidentKb };
