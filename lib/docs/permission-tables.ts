/** One role (or policy) of a permission report: each statement with when it exists. */
export interface RoleReport {
  /** The registry module that creates the role (or emits the policy). */
  readonly module: "platform" | "agents" | "workflows";
  readonly role: string;
  readonly rows: readonly { sid: string; actions: readonly string[]; resources: readonly string[]; when: string }[];
}

/** The report as Markdown: one table per role. */
export function renderPermissionReport(reports: readonly RoleReport[]): string {
  const cell = (values: readonly string[]) => values.map((v) => `\`${v}\``).join("<br>");
  return reports
    .map((r) =>
      [`### ${r.role}`, "", "| Sid | actions | resources | present when |", "| --- | --- | --- | --- |", ...r.rows.map((row) => `| ${row.sid} | ${cell(row.actions)} | ${cell(row.resources)} | ${row.when} |`)].join("\n"),
    )
    .join("\n\n");
}
