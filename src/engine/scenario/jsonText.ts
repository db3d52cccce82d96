/**
 * JSON text → value, with syntax errors a person can find: "Unexpected token '}' at line 3 column 5".
 *
 * `JSON.parse` does the parsing. Its error messages differ between engines and V8's often carry no position, so on
 * failure a small scanner walks the text again to find where and why it broke.
 */
import { ScenarioError } from './errors.ts';

interface SyntaxProblem {
  offset: number;
  message: string;
}

export function parseJsonText(text: string, source?: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // editors on Windows add a BOM
  try {
    return JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxError(body) ?? fromEngineMessage(error);
    const where = problem.offset >= 0 ? ` at ${lineColumn(body, problem.offset)}` : '';
    const message = body.trim() === '' ? 'not valid JSON: the text is empty' : `not valid JSON: ${problem.message}${where}`;
    throw new ScenarioError([{ path: '', message }], source);
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line} column ${offset - lineStart + 1}`;
}

function fromEngineMessage(error: unknown): SyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  const at = /(.*?) in JSON at position (\d+)/.exec(message);
  return at ? { offset: Number(at[2]), message: at[1]! } : { offset: -1, message };
}

/** `'}'` for a printable character, `"\n"` for a control one. */
function quote(c: string | undefined): string {
  return c !== undefined && c >= ' ' && c !== '\x7f' ? `'${c}'` : JSON.stringify(c ?? '');
}

class Found {
  constructor(readonly problem: SyntaxProblem) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): SyntaxProblem | null {
  let i = 0;
  const fail = (message: string, offset = i): never => {
    throw new Found({ offset, message: i >= text.length ? 'Unexpected end of input' : message });
  };
  const unexpected = (): never => fail(`Unexpected token ${quote(text[i])}`);
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= text.length) throw new Found({ offset: start, message: 'Unterminated string' });
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail('Bad escape sequence in string');
        i = ESCAPE.lastIndex;
      } else if (c < ' ') fail('Bad control character in string (a line break inside quotes?)');
      else i++;
    }
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    unexpected();
  };
  const object = () => {
    i++;
    skipSpace();
    if (text[i] === '}') return void i++;
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`Expected a double-quoted property name, found ${quote(text[i])}`);
      string();
      skipSpace();
      if (text[i] !== ':') fail("Expected ':' after property name");
      i++;
      value();
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return void i++;
      else fail("Expected ',' or '}' after property value");
    }
  };
  const array = () => {
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] === ']') return void i++;
      else fail("Expected ',' or ']' after array element");
    }
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail('Unexpected text after the JSON value');
    return null;
  } catch (error) {
    if (error instanceof Found) return error.problem;
    return null; // e.g. nesting too deep for the stack: let the engine's message speak
  }
}
