// Field-level rules shared by the configuration schema. Each message states the rule, so that an error
// reads "<field>: <rule> (got <value>)".
import { z } from "zod";
import { isKnownRegion, nearestRegion } from "./region";

const DOMAIN_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN_NAME = new RegExp(`^(?:${DOMAIN_LABEL}\\.)+[a-z]{2,63}$`);

export const domainName = z.string().max(253, { message: "must be at most 253 characters" }).regex(DOMAIN_NAME, {
  message:
    "must be a lower-case DNS name of two or more labels, e.g. api.example.com (no scheme, no trailing dot, no wildcard)",
});

export const hostedZoneId = z.string().regex(/^Z[0-9A-Z]{1,31}$/, {
  message: 'must be a Route 53 hosted zone id: "Z" then upper-case letters and digits, e.g. Z0123456789ABCDEFGHIJ',
});

export const awsAccountId = z.string().regex(/^\d{12}$/, {
  message: "must be a 12-digit AWS account id, e.g. 123456789012",
});

export const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
    message: "must be an AWS region code, e.g. eu-west-1",
    abort: true,
  })
  .refine(isKnownRegion, {
    error: (issue) => {
      const nearest = nearestRegion(String(issue.input));
      return `is not a region in AWS's list (the AWS SDK's partition data)${nearest ? `: did you mean ${nearest}?` : ": check the spelling"}`;
    },
  });

export const environmentName = z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, {
  message: "must be 1-20 characters of lower-case letters, digits and hyphens, starting with a letter",
});

export const s3BucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, {
    message:
      "must be an S3 bucket name: 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (no dots: they break TLS to virtual-hosted buckets)",
  })
  .refine((name) => !name.includes("--") && !name.startsWith("xn--") && !name.startsWith("sthree-"), {
    message: 'must not contain "--" nor start with a prefix S3 reserves (xn--, sthree-)',
  });

export const s3ObjectKey = z.string().regex(/^[A-Za-z0-9!_.*'()/-]{1,1024}$/, {
  message: "must be a safe S3 object key: letters, digits and !_.*'()/- only, e.g. truststore.pem",
});

export const acmCertificateArn = z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, {
  message: "must be an ACM certificate ARN, e.g. arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>",
});

// CloudWatch Logs accepts only these retention periods.
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const logRetentionDays = z.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
  message: `must be a CloudWatch Logs retention period: one of ${LOG_RETENTION_DAYS.join(", ")}`,
});

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** AWS allows 50 tags per resource, provider default_tags included. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** Tags the project adds: mtls:environment and mtls:stack everywhere, mtls:client on ACM PCA client certificates. */
export const PROJECT_TAGS_PER_RESOURCE = 3;
/** S3 allows 10 tags per object, provider default_tags included (the truststore bundle carries them all). */
export const MAX_TAGS_PER_S3_OBJECT = 10;
export const S3_OBJECT_TAGGING_SOURCE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html";
/** The default tags the provider adds to every object: mtls:environment and mtls:stack. */
export const PROJECT_DEFAULT_TAGS = 2;
export const MAX_CONFIGURED_TAGS = Math.min(
  MAX_TAGS_PER_RESOURCE - PROJECT_TAGS_PER_RESOURCE,
  MAX_TAGS_PER_S3_OBJECT - PROJECT_DEFAULT_TAGS,
);
export const tags = z
  .record(z.string(), z.string().max(256, { message: "tag values must be at most 256 characters" }))
  .superRefine((record, ctx) => {
    const count = Object.keys(record).length;
    if (count > MAX_CONFIGURED_TAGS) {
      ctx.addIssue({
        code: "custom",
        path: [],
        input: count,
        message: `${count} tags: the provider's default_tags put every one of them, plus mtls:environment and mtls:stack, on the truststore bundle, and S3 allows ${MAX_TAGS_PER_S3_OBJECT} tags per object (${S3_OBJECT_TAGGING_SOURCE}), so at most ${MAX_CONFIGURED_TAGS}; remove ${count - MAX_CONFIGURED_TAGS}`,
      });
    }
    for (const key of Object.keys(record)) {
      if (!TAG_KEY.test(key) || key.toLowerCase().startsWith("aws:")) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: 'tag keys must be 1-128 letters, digits, spaces or _.:/=+-@ and must not start with "aws:"',
        });
      }
    }
  });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, explain?: (value: unknown) => string) {
  return z.enum(values, {
    error: (issue) => explain?.(issue.input) ?? `must be one of ${values.join(", ")}`,
  });
}

export const positiveInteger = (max: number, unit: string) =>
  z
    .number()
    .int({ message: `must be a whole number of ${unit}` })
    .min(1, { message: `must be at least 1 ${unit}` })
    .max(max, { message: `must be at most ${max} ${unit}` });
