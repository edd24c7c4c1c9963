import { resourceRule } from "../resource-rule";

export const logGroupRetention = resourceRule({
  id: "log-group-retention",
  title: "Every CloudWatch log group sets a retention period",
  resourceTypes: { aws_cloudwatch_log_group: ["retention_in_days"] },
  fix: "Set retention_in_days (api.logRetentionDays in the environment's config).",
  equivalents: { checkov: ["CKV_AWS_66"], kics: ["ef0b316a-211e-42f1-888e-64efe172b755"] },
  severity: "warning",
  check: (group) => {
    const days = group.body.retention_in_days;
    return (typeof days === "number" && days > 0) || (typeof days === "string" && days.includes("${"))
      ? undefined
      : `retention_in_days is ${JSON.stringify(days ?? null)}: logs (with client identities) are kept forever`;
  },
  passMessage: (group) => `kept ${group.body.retention_in_days} days`,
});
