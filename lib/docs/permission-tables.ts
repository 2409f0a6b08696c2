/** One role (or policy) of a permission report: each statement with when it exists. */
export interface RoleReport {
  /** The registry module that creates the role (or emits the policy). */
  readonly module: "platform" | "agents" | "workflows";
  readonly role: string;
  readonly rows: readonly {
    sid: string;
    actions: readonly string[];
    resources: readonly string[];
    when: string;
    departure?: string;
  }[];
}

/** The report as Markdown: one table per role, then where its statements depart from the seeds. */
export function renderPermissionReport(reports: readonly RoleReport[]): string {
  const cell = (values: readonly string[]) => values.map((v) => `\`${v}\``).join("<br>");
  return reports
    .map((r) => {
      const departures = [...new Set(r.rows.filter((row) => row.departure).map((row) => row.departure!))];
      const notes = departures.map(
        (d) =>
          `- ${r.rows
            .filter((row) => row.departure === d)
            .map((row) => row.sid)
            .filter((s, i, all) => all.indexOf(s) === i)
            .join(", ")}: ${d}`,
      );
      return [
        `### ${r.role}`,
        "",
        "| Sid | actions | resources | present when |",
        "| --- | --- | --- | --- |",
        ...r.rows.map((row) => `| ${row.sid} | ${cell(row.actions)} | ${cell(row.resources)} | ${row.when} |`),
        ...(notes.length ? ["", "Departures from the seeds:", "", ...notes] : []),
      ].join("\n");
    })
    .join("\n\n");
}
