/**
 * IAM policy JSON. Values may hold cdktf tokens: Terraform interpolates them inside the JSON
 * string at plan time.
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, string | string[]>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

const RAW = "__RAW_JSON__";

/**
 * Marks a token whose value is already JSON (`${jsonencode(...)}`), e.g. a list known only at plan
 * time, so that the policy text embeds it without quotes.
 */
export function rawJson(token: string): string {
  return `${RAW}${token}${RAW}`;
}

/** The policy document as JSON text. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return unquoteRaw(JSON.stringify({ Version: "2012-10-17", Statement: statements }));
}

/** One statement as JSON text. */
export function statementJson(statement: PolicyStatement): string {
  return unquoteRaw(JSON.stringify(statement));
}

function unquoteRaw(json: string): string {
  return json.replace(new RegExp(`"${RAW}(.*?)${RAW}"`, "g"), "$1");
}
