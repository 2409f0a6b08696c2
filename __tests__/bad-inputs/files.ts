import { BadInput } from "./edits";

/** Files that are not what a blueprint or configuration file must be. */
export const CATALOGUE: BadInput[] = [];
