// AWS's published deprecation schedule for the Lambda runtimes this project has used or may use, as data. After
// deprecation a runtime gets no patches; after block-create no function can be created on it (a first apply
// fails); after block-update no function on it can be changed. Update from the source when AWS changes a date.
export interface RuntimeDates {
  /** YYYY-MM-DD, UTC. */
  readonly deprecation: string;
  readonly blockCreate: string;
  readonly blockUpdate: string;
}

export const LAMBDA_RUNTIME_SCHEDULE = {
  source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
  checked: "2026-12-02",
  runtimes: {
    "nodejs22.x": { deprecation: "2027-04-30", blockCreate: "2027-06-01", blockUpdate: "2027-07-01" },
    "nodejs20.x": { deprecation: "2026-04-30", blockCreate: "2026-08-31", blockUpdate: "2026-09-30" },
  } as Record<string, RuntimeDates>,
};

/** Warn this many days before a runtime's deprecation. */
export const DEPRECATION_WARNING_DAYS = 90;
