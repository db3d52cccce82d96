/** What a user reads when a scenario or bundle is rejected: one line per problem, naming the field. */

/** One problem: `path` in JS-ish notation (`transactions[3].gas`, `preState["0xab…"].balance`), `''` for the whole file. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** A step into a JSON value: an object key or an array index. */
export type PathKey = string | number;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly issues: ScenarioIssue[];
  /** The file or URL the input came from, when known; prefixes every line. */
  readonly source: string | undefined;

  constructor(issues: ScenarioIssue[], source?: string) {
    super(issues.map((issue) => formatIssue(issue, source)).join('\n'));
    this.issues = issues;
    this.source = source;
  }

  /** The same problems, attributed to a named source (a file name, a URL). */
  withSource(source: string): ScenarioError {
    return new ScenarioError(this.issues, source);
  }
}

export function formatIssue(issue: ScenarioIssue, source?: string): string {
  return [source, issue.path, issue.message].filter((part) => part).join(': ');
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['preState', '0xab', 'balance']` → `preState["0xab"].balance`; `['transactions', 3, 'gas']` → `transactions[3].gas`. */
export function formatPath(keys: readonly PathKey[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** A value as a user would recognise it in their file, kept short. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return text.length > 50 ? `${text.slice(0, 46)}…" (${value.length} characters)` : text;
  }
  return String(value);
}
