import { BadInput } from "./edits";

/** Cedar policies that walk around the guards. */
export const CATALOGUE: BadInput[] = [];
