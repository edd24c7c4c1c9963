// api.authorizer: defaults, and a clear error for each rule.
import { ConfigError } from "../../lib/config/errors";
import { exampleConfig } from "../helpers/config";

function problemsFor(authorizer: unknown): string[] {
  try {
    exampleConfig((document) => {
      document.api.authorizer = authorizer;
    });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

test("defaults: decisions cached 300 s, CRL checked every 300 s, no grace after nextUpdate, 300 s clock skew", () => {
  expect(exampleConfig().api.authorizer).toEqual({
    resultCacheTtlSeconds: 300,
    crlRefreshSeconds: 300,
    crlGraceSeconds: 0,
    crlClockSkewSeconds: 300,
  });
});

test("a cache TTL of 0 (no caching) is allowed", () => {
  expect(problemsFor({ resultCacheTtlSeconds: 0 })).toEqual([]);
});

test.each([
  [
    { resultCacheTtlSeconds: 3601 },
    "api.authorizer.resultCacheTtlSeconds: must be at most 3600 seconds (API Gateway's limit) (got 3601)",
  ],
  [{ resultCacheTtlSeconds: -1 }, "api.authorizer.resultCacheTtlSeconds: must be at least 0 seconds (got -1)"],
  [{ resultCacheTtlSeconds: 1.5 }, "api.authorizer.resultCacheTtlSeconds: must be a whole number of seconds (got 1.5)"],
  [{ crlRefreshSeconds: 0 }, "api.authorizer.crlRefreshSeconds: must be at least 1 seconds (got 0)"],
  [
    { crlRefreshSeconds: 86401 },
    "api.authorizer.crlRefreshSeconds: must be at most 86400 seconds (one day) (got 86401)",
  ],
  [{ crlGraceSeconds: -5 }, "api.authorizer.crlGraceSeconds: must be at least 0 seconds (got -5)"],
  [{ crlGraceSeconds: "1h" }, 'api.authorizer.crlGraceSeconds: must be of type number (got "1h")'],
  [
    { crlClockSkewSeconds: 3601 },
    "api.authorizer.crlClockSkewSeconds: must be at most 3600 seconds (one hour) (got 3601)",
  ],
  [{ cacheTtl: 10 }, "api.authorizer.cacheTtl: is not a known setting; check its spelling against config/schema.json"],
])("%j is refused: %s", (authorizer, problem) => {
  expect(problemsFor(authorizer)).toEqual([problem]);
});
