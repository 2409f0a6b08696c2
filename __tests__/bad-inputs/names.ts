import { BadInput } from "./edits";

/** Names and values AWS would reject once prefix, environment and key are combined. */
export const CATALOGUE: BadInput[] = [];
