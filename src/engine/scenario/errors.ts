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
    super(listIssues(issues, source));
    this.issues = issues;
    this.source = source;
  }

  /** The same problems, attributed to a named source (a file name, a URL). */
  withSource(source: string): ScenarioError {
    return new ScenarioError(this.issues, source);
  }
}

/** How many problems a message lists; the rest are counted (`issues` keeps them all). */
export const MAX_LISTED_ISSUES = 20;

/** One line per problem, the first `MAX_LISTED_ISSUES` of them, then `… and 19,980 more problems`. */
function listIssues(issues: readonly ScenarioIssue[], source?: string): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => formatIssue(issue, source));
  const rest = issues.length - lines.length;
  if (rest > 0) lines.push(`${source ? `${source}: ` : ''}… and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'}`);
  return lines.join('\n');
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
    else out += `[${quoted(key, 72)}]`; // whole addresses and slots; a hostile key is cut
  }
  return out;
}

/** `text` as a JSON string literal of at most about `max` characters: a longer one is cut, with `…` inside the
 * quotes. Only the part shown is escaped, so a huge value costs nothing. */
export function quoted(text: string, max = 50): string {
  const whole = text.length <= max ? JSON.stringify(text) : undefined;
  if (whole !== undefined && whole.length <= max) return whole;
  return `${withoutPartialEscape(JSON.stringify(text.slice(0, max)).slice(0, max - 4))}…"`;
}

/** The prefix of a JSON string literal without an escape sequence cut in two at its end (`\`, `\u00`). */
function withoutPartialEscape(prefix: string): string {
  const m = /(\\+)(u[0-9a-fA-F]{0,3})?$/.exec(prefix);
  // An even run of backslashes is whole escaped backslashes (and a `u` after them is plain text).
  if (!m || m[1]!.length % 2 === 0) return prefix;
  return prefix.slice(0, prefix.length - 1 - (m[2]?.length ?? 0));
}

/** A value as a user would recognise it in their file, kept short: strings cut to an escaped excerpt, containers
 * named rather than printed (a deeply nested or huge value never reaches a message). */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const text = quoted(value);
    return text.endsWith('…"') ? `${text} (${value.length} characters)` : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString().length > 50 ? `a ${value.toString().length}-digit number` : String(value);
  return typeof value;
}
