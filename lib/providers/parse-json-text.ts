/**
 * JSON.parse says little about where a saved answer goes wrong (often no position at all), and
 * an operator importing a file needs the line and column. So the text is parsed with JSON.parse
 * and, only when that fails, scanned again to find where it stops being JSON.
 */
export type JsonText = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(raw: string): JsonText {
  // Editors on some systems save a byte-order mark; it is no part of the answer.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  if (!text.trim()) return { ok: false, message: 'not JSON: the text is empty' };

  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const fault = locateFault(text);
    if (!fault) return { ok: false, message: `not JSON: ${(error as Error).message}` };
    const { line, column } = lineColumnAt(text, fault.at);
    if (fault.trailing) {
      return { ok: false, message: `text after the JSON at line ${line} column ${column}` };
    }
    const found =
      fault.at < text.length
        ? `found ${JSON.stringify(text[fault.at])}`
        : 'found the end of the text';
    return {
      ok: false,
      message: `not JSON at line ${line} column ${column}: expected ${fault.expected}, ${found}`,
    };
  }
}

/** Line and column (both from 1) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface Fault {
  at: number;
  expected: string;
  trailing: boolean;
}

class JsonFault extends Error {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

const space = /[ \t\n\r]*/y;
const escape = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const literal = /true|false|null/y;

/** Where the first JSON value of `text` breaks, or where text follows it; null when it is fine. */
function locateFault(text: string): Fault | null {
  let at = 0;
  const eat = (pattern: RegExp) => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  const fail = (expected: string): never => {
    throw new JsonFault(at, expected);
  };
  // From an opening quote to just past its closing one, failing where the string goes wrong.
  const string = () => {
    for (let i = at + 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x22) return void (at = i + 1);
      at = i;
      if (code < 0x20) fail('a closing quote');
      if (code === 0x5c) {
        escape.lastIndex = i;
        if (!escape.test(text)) fail('a valid escape');
        i = escape.lastIndex - 1;
      }
    }
    at = text.length;
    fail('a closing quote');
  };
  const members = (close: string, member: () => void) => {
    at++;
    eat(space);
    if (text[at] === close) return void at++;
    for (;;) {
      member();
      eat(space);
      if (text[at] === ',') at++;
      else if (text[at] === close) return void at++;
      else fail(`',' or '${close}'`);
    }
  };
  const value = (): void => {
    eat(space);
    if (text[at] === '{') {
      return members('}', () => {
        eat(space);
        if (text[at] !== '"') fail('a quoted key');
        string();
        eat(space);
        if (text[at] !== ':') fail("':'");
        at++;
        value();
      });
    }
    if (text[at] === '[') return members(']', value);
    if (text[at] === '"') return string();
    if (eat(number) || eat(literal)) return;
    fail('a value');
  };

  try {
    value();
    eat(space);
    return at < text.length ? { at, expected: 'the end of the text', trailing: true } : null;
  } catch (error) {
    if (error instanceof JsonFault) {
      return { at: error.at, expected: error.expected, trailing: false };
    }
    // Nesting deep enough to exhaust the stack is no offer list either.
    if (error instanceof RangeError) {
      return { at: 0, expected: 'less deeply nested JSON', trailing: false };
    }
    throw error;
  }
}
