import type { AwsFacts } from "../aws-context";
import { type PolicyStatement, policyDocument } from "./policy-document";

export const AGENTCORE_SERVICE_PRINCIPAL = "bedrock-agentcore.amazonaws.com";

/**
 * The trust of every role AgentCore assumes (DESIGN §2): only the AgentCore service, only on
 * behalf of this account (`aws:SourceAccount`) and only from AgentCore resources of this account
 * and region (`aws:SourceArn`), which blocks the confused deputy.
 */
export function agentCoreTrustStatement(aws: AwsFacts): PolicyStatement {
  return {
    Sid: "AllowBedrockAgentCoreAssumeRole",
    Effect: "Allow",
    Principal: { Service: AGENTCORE_SERVICE_PRINCIPAL },
    Action: "sts:AssumeRole",
    Condition: {
      StringEquals: { "aws:SourceAccount": aws.accountId },
      ArnLike: { "aws:SourceArn": aws.arn("bedrock-agentcore", "*") },
    },
  };
}

export function agentCoreTrustPolicy(aws: AwsFacts): string {
  return policyDocument([agentCoreTrustStatement(aws)]);
}

/**
 * The trust of a role another AWS service assumes for one resource of this account: only that
 * service, only for this account (`aws:SourceAccount`) and only from that resource
 * (`aws:SourceArn`).
 */
export function serviceTrustPolicy(sid: string, service: string, aws: AwsFacts, sourceArn: string): string {
  return policyDocument([
    {
      Sid: sid,
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": aws.accountId }, ArnLike: { "aws:SourceArn": sourceArn } },
    },
  ]);
}
