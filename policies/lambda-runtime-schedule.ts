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
    // nodejs24.x needs hashicorp/aws >= 6.19 (PROVIDER_RUNTIME_CEILING below); AWS publishes deprecation 2028-04-30
    // and block-update 2028-07-01; block-create follows AWS's usual month between (2028-06-01): check it on the page.
    "nodejs24.x": { deprecation: "2028-04-30", blockCreate: "2028-06-01", blockUpdate: "2028-07-01" },
    "nodejs22.x": { deprecation: "2027-04-30", blockCreate: "2027-06-01", blockUpdate: "2027-07-01" },
    "nodejs20.x": { deprecation: "2026-04-30", blockCreate: "2026-08-31", blockUpdate: "2026-09-30" },
  } as Record<string, RuntimeDates>,
};

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of a schedule date (YYYY-MM-DD), in milliseconds. */
export const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Warn this many days before a runtime's deprecation. */
export const DEPRECATION_WARNING_DAYS = 90;

/**
 * The newest Node.js runtime each hashicorp/aws major version accepts. 6.x accepts nodejs24.x from 6.19.0 (tested in
 * hashicorp/terraform-provider-aws#44986, recorded in the 6.20.0 CHANGELOG by #45024).
 */
export const PROVIDER_RUNTIME_CEILING = {
  5: { runtime: "nodejs22.x", newest: "5.100.0" },
  6: { runtime: "nodejs24.x", since: "6.19.0" },
} as const;
export const PROVIDER_RUNTIME_SOURCE = "https://github.com/hashicorp/terraform-provider-aws/pull/45024";
