import { BadInput } from "./edits";

/** Workflow and EventBridge inputs Step Functions or EventBridge would reject. */
export const CATALOGUE: BadInput[] = [];
