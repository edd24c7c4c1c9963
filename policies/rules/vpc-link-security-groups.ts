import { resourceRule } from "../resource-rule";

export const vpcLinkSecurityGroups = resourceRule({
  id: "vpc-link-security-groups",
  title:
    "An HTTP API's VPC link has security groups: they say what the link's network interfaces may reach inside the VPC",
  resourceTypes: { aws_apigatewayv2_vpc_link: ["security_group_ids", "subnet_ids"] },
  fix: "Give the VPC link a security group (api.vpcLinks.<name>.securityGroupIds) that may reach only the load balancer, and allow that group in the load balancer's own group.",
  equivalents: {},
  check: (link) => {
    const groups = link.body.security_group_ids;
    return Array.isArray(groups) && groups.length > 0 ? undefined : "has no security group";
  },
  passMessage: (link) => `${(link.body.security_group_ids as unknown[]).length} security group(s)`,
});
