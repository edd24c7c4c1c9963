/** A process's peak resident memory, in kilobytes, since it was started (not since the fork it came from). */
export function peakResidentKb(): number;
