const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

function isNumberStart(c: number): boolean {
  return c === 45 || (c >= 48 && c <= 57); // '-' or a digit
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 69 || c === 101; // digits + - . E e
}

/**
 * JSON text with every number literal written as a string of its exact characters, so
 * JSON.parse never rounds one: an 18-digit order id stays itself (as a double, twenty distinct
 * ids collapse into one), and 1.0 stays '1.0'. Linear; string state restarts at every line
 * break (JSON strings cannot hold a raw one), so a broken NDJSON line cannot shift the others.
 */
export function quoteJsonNumbers(text: string): string {
  const parts: string[] = [];
  const n = text.length;
  let last = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i += 2;
        else if (d === QUOTE || d === NEWLINE) break;
        else i++;
      }
      i++;
      continue;
    }
    if (isNumberStart(c)) {
      let j = i + 1;
      while (j < n && isNumberChar(text.charCodeAt(j))) j++;
      parts.push(text.slice(last, i), '"', text.slice(i, j), '"');
      last = j;
      i = j;
      continue;
    }
    i++;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/** Most of the first lines are one object each: NDJSON, whatever the file is called. */
export function looksLineDelimited(text: string): boolean {
  const lines = text.slice(0, 1 << 20).split('\n').slice(0, 100).map((l) => l.trim()).filter((l) => l !== '');
  const objects = lines.filter((l) => l.startsWith('{') && l.endsWith('}')).length;
  return lines.length >= 2 && objects * 2 > lines.length;
}

/**
 * Line and column (1-based) of the first JSON syntax error in `text`, or null when it finds none
 * (or the nesting is too deep to check). JSON.parse's own messages differ between engines and
 * often lack a position, so the place a user should look at is found here.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } | null {
  const at = firstJsonError(text);
  if (at === null) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** Offset of the first syntax error, or null. */
function firstJsonError(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw new JsonSyntaxError(i);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    if (!m.exec(text)) fail();
    i = m.lastIndex;
  };
  const value = (depth: number): void => {
    if (depth > 2000) throw new RangeError('too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : null;
  } catch (e) {
    return e instanceof JsonSyntaxError ? e.offset : null;
  }
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super('JSON syntax error');
  }
}
