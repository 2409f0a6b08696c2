import type { AgentCall, WorkflowBlueprint } from "../../lib/config/workflows";
import { branchCall, isChoice, isParallel, payloadParameter, payloadState } from "../../lib/config/workflow-format";

/**
 * Step Functions has no optimized integration for AgentCore runtimes (its AgentCore integration
 * invokes harnesses only); the AWS SDK integration calls the data-plane API InvokeAgentRuntime.
 */
export const INVOKE_AGENT_RUNTIME = "arn:aws:states:::aws-sdk:bedrockagentcore:invokeAgentRuntime";

/** The endpoint every agent runtime exposes (modules/agents). */
export const AGENT_ENDPOINT = "live";

/** Errors worth retrying; anything else fails the step at once. */
export const RETRYABLE_ERRORS = [
  "BedrockAgentCore.ThrottlingException",
  "BedrockAgentCore.ServiceQuotaExceededException",
  "BedrockAgentCore.InternalServerException",
  "States.Timeout",
];

type State = Record<string, unknown>;

/**
 * The Amazon States Language definition of a workflow. `runtimeArn(agent)` gives the ARN of an
 * agent's runtime (a Terraform reference). Each agent call is a Pass state that builds the payload
 * from the workflow state, then a Task that invokes the runtime's `live` endpoint.
 *
 * User text stays literal: only payload values that are paths become `<field>.$` parameters;
 * literals, choice values (`StringEquals`, never `StringEqualsPath`) and the description
 * (`Comment`) are plain JSON values, which Step Functions never reads as paths or intrinsic
 * functions. The `.$` fields and intrinsic functions below are the compiler's own.
 */
export function stateMachineDefinition(
  w: WorkflowBlueprint,
  runtimeArn: (agent: string) => string,
): Record<string, unknown> {
  const states: Record<string, State> = {};
  for (const [name, step] of Object.entries(w.steps)) {
    if (isChoice(step)) {
      states[name] = {
        Type: "Choice",
        Choices: step.choice.map((c) => ({ Variable: c.variable, ...comparison(c), Next: payloadStateOf(w, c.next) })),
        Default: payloadStateOf(w, step.default),
      };
    } else if (isParallel(step)) {
      states[name] = {
        Type: "Parallel",
        Branches: step.parallel.map((call, i) => {
          const callName = branchCall(name, i);
          const branch = agentCallStates(callName, call, runtimeArn, { End: true }, "$.result");
          return {
            StartAt: payloadState(callName),
            States: { ...branch, [callName]: { ...branch[callName], OutputPath: "$.result" } },
          };
        }),
        ResultPath: step.output ?? `$.results.${name}`,
        ...(step.end ? { End: true } : { Next: payloadStateOf(w, step.next!) }),
      };
    } else {
      Object.assign(
        states,
        agentCallStates(
          name,
          step,
          runtimeArn,
          step.end ? { End: true } : { Next: payloadStateOf(w, step.next!) },
          step.output ?? `$.results.${name}`,
        ),
      );
    }
  }
  return {
    Comment: w.description,
    StartAt: payloadStateOf(w, w.start_at),
    TimeoutSeconds: w.timeout_seconds,
    States: states,
  };
}

/** An agent step starts at its payload-building state. */
function payloadStateOf(w: WorkflowBlueprint, step: string): string {
  const s = w.steps[step];
  return isChoice(s) || isParallel(s) ? step : payloadState(step);
}

function agentCallStates(
  name: string,
  call: AgentCall,
  runtimeArn: (agent: string) => string,
  transition: State,
  resultPath: string,
): Record<string, State> {
  const payload = Object.fromEntries(
    Object.entries(call.input).map(([field, value]) => payloadParameter(field, value)),
  );
  return {
    [payloadState(name)]: { Type: "Pass", Parameters: payload, ResultPath: `$.payloads.${name}`, Next: name },
    [name]: {
      Type: "Task",
      Resource: INVOKE_AGENT_RUNTIME,
      Parameters: {
        AgentRuntimeArn: runtimeArn(call.agent),
        Qualifier: AGENT_ENDPOINT,
        "RuntimeSessionId.$": "States.UUID()",
        ContentType: "application/json",
        Accept: "application/json",
        "Payload.$": `States.JsonToString($.payloads.${name})`,
      },
      TimeoutSeconds: call.timeout_seconds,
      ...(call.retries.max_attempts > 0
        ? {
            Retry: [
              {
                ErrorEquals: RETRYABLE_ERRORS,
                IntervalSeconds: call.retries.interval_seconds,
                MaxAttempts: call.retries.max_attempts,
                BackoffRate: call.retries.backoff_rate,
              },
            ],
          }
        : {}),
      ResultPath: resultPath,
      ...transition,
    },
  };
}

function comparison(c: { equals?: string | number | boolean; greater_than?: number; less_than?: number }): State {
  if (c.greater_than !== undefined) return { NumericGreaterThan: c.greater_than };
  if (c.less_than !== undefined) return { NumericLessThan: c.less_than };
  if (typeof c.equals === "number") return { NumericEquals: c.equals };
  if (typeof c.equals === "boolean") return { BooleanEquals: c.equals };
  return { StringEquals: c.equals };
}
