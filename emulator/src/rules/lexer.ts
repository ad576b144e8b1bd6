/**
 * The rules lexer. It is pulled by the parser one token at a time because two constructs are
 * lexed differently from expressions and only the parser knows when they start: `match` path
 * patterns and path literals (`/databases/$(database)/documents`), where `/` is not division.
 */
import { RulesSyntaxError } from './source.js';

export type TokenKind = 'ident' | 'int' | 'float' | 'string' | 'bytes' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier name, punctuation text, or the raw literal text for numbers. */
  text: string;
  /** Decoded value for string and bytes literals. */
  value?: string | Uint8Array;
  start: number;
  end: number;
}

const PUNCTUATION_2 = new Set(['&&', '||', '==', '!=', '<=', '>=', '$(']);
const PUNCTUATION_1 = new Set([
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  ':',
  '.',
  '?',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
]);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const encoder = new TextEncoder();

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

export class Lexer {
  pos = 0;

  constructor(readonly text: string) {}

  /** Skips whitespace and comments; an unterminated block comment is an error at its start. */
  skipTrivia(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xfeff) {
        this.pos++;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 47) {
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 10) this.pos++;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const end = t.indexOf('*/', this.pos + 2);
        if (end < 0) throw new RulesSyntaxError(this.pos, 'Unterminated comment.');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  next(): Token {
    this.skipTrivia();
    const t = this.text;
    const start = this.pos;
    if (start >= t.length) return { kind: 'eof', text: '<EOF>', start, end: start };
    const c = t.charCodeAt(start);
    const quoted = t[start + 1] === "'" || t[start + 1] === '"';
    // b'...' is bytes, r'...' a raw string (no escapes), '...' and "..." strings.
    if ((c === 98 || c === 66 || c === 114 || c === 82) && quoted) {
      this.pos++;
      const raw = c === 114 || c === 82;
      const s = this.readString(raw);
      const value = raw ? s.text : Uint8Array.from(s.bytes);
      return {
        kind: raw ? 'string' : 'bytes',
        text: t.slice(start, this.pos),
        value,
        start,
        end: this.pos,
      };
    }
    if (isIdentStart(c)) {
      while (this.pos < t.length && isIdentPart(t.charCodeAt(this.pos))) this.pos++;
      return { kind: 'ident', text: t.slice(start, this.pos), start, end: this.pos };
    }
    if (isDigit(c) || (c === 46 && isDigit(t.charCodeAt(start + 1)))) return this.readNumber();
    if (c === 39 || c === 34) {
      const value = this.readString().text;
      return { kind: 'string', text: t.slice(start, this.pos), value, start, end: this.pos };
    }
    const two = t.slice(start, start + 2);
    const p = PUNCTUATION_2.has(two)
      ? two
      : PUNCTUATION_1.has(t[start] as string)
        ? (t[start] as string)
        : null;
    if (p !== null) {
      this.pos += p.length;
      return { kind: 'punct', text: p, start, end: this.pos };
    }
    throw new RulesSyntaxError(start, `Unexpected character '${t[start]}'.`);
  }

  private readNumber(): Token {
    const t = this.text;
    const start = this.pos;
    let float = false;
    if (t.startsWith('0x', start) || t.startsWith('0X', start)) {
      this.pos += 2;
      while (/[0-9a-fA-F]/.test(t[this.pos] ?? '')) this.pos++;
      if (this.pos === start + 2) throw new RulesSyntaxError(start, 'Invalid hexadecimal literal.');
    } else {
      while (isDigit(t.charCodeAt(this.pos))) this.pos++;
      if (t[this.pos] === '.' && isDigit(t.charCodeAt(this.pos + 1))) {
        float = true;
        this.pos++;
        while (isDigit(t.charCodeAt(this.pos))) this.pos++;
      }
      if (t[this.pos] === 'e' || t[this.pos] === 'E') {
        let p = this.pos + 1;
        if (t[p] === '+' || t[p] === '-') p++;
        if (!isDigit(t.charCodeAt(p)))
          throw new RulesSyntaxError(this.pos, 'Invalid number exponent.');
        float = true;
        this.pos = p;
        while (isDigit(t.charCodeAt(this.pos))) this.pos++;
      }
    }
    if (isIdentStart(t.charCodeAt(this.pos))) {
      throw new RulesSyntaxError(this.pos, `Unexpected character '${t[this.pos]}' in number.`);
    }
    return { kind: float ? 'float' : 'int', text: t.slice(start, this.pos), start, end: this.pos };
  }

  /** Reads a quoted literal at `pos`; returns it both as text and as UTF-8 bytes (escapes may be bytes). */
  private readString(raw = false): { text: string; bytes: number[] } {
    const t = this.text;
    const start = this.pos;
    const quote = t[start] as string;
    this.pos++;
    // Fast path: no escapes (bytes are only needed for bytes literals, computed then).
    const close = t.indexOf(quote, this.pos);
    const newline = t.indexOf('\n', this.pos);
    if (
      close >= 0 &&
      (newline < 0 || close < newline) &&
      (raw || !t.slice(this.pos, close).includes('\\'))
    ) {
      const text = t.slice(this.pos, close);
      this.pos = close + 1;
      return {
        text,
        get bytes() {
          return Array.from(encoder.encode(text));
        },
      };
    }
    const bytes: number[] = [];
    let text = '';
    const pushText = (s: string): void => {
      text += s;
      for (const b of encoder.encode(s)) bytes.push(b);
    };
    for (;;) {
      if (this.pos >= t.length || t[this.pos] === '\n') {
        throw new RulesSyntaxError(start, 'Unterminated string literal.');
      }
      const ch = t[this.pos] as string;
      if (ch === quote) {
        this.pos++;
        return { text, bytes };
      }
      if (ch !== '\\' || raw) {
        const cp = t.codePointAt(this.pos) ?? 0;
        const s = String.fromCodePoint(cp);
        pushText(s);
        this.pos += s.length;
        continue;
      }
      const escPos = this.pos;
      const e = t[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case 'n':
          pushText('\n');
          break;
        case 't':
          pushText('\t');
          break;
        case 'r':
          pushText('\r');
          break;
        case 'b':
          pushText('\b');
          break;
        case 'f':
          pushText('\f');
          break;
        case 'v':
          pushText('\v');
          break;
        case 'a':
          pushText('\x07');
          break;
        case '\\':
        case "'":
        case '"':
        case '`':
        case '?':
          pushText(e);
          break;
        case 'x':
        case 'X': {
          const hex = t.slice(this.pos, this.pos + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(hex))
            throw new RulesSyntaxError(escPos, 'Invalid \\x escape.');
          this.pos += 2;
          const b = parseInt(hex, 16);
          text += String.fromCharCode(b);
          bytes.push(b);
          break;
        }
        case 'u':
        case 'U': {
          const n = e === 'u' ? 4 : 8;
          const hex = t.slice(this.pos, this.pos + n);
          const cp = parseInt(hex, 16);
          if (
            !new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex) ||
            cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff)
          ) {
            throw new RulesSyntaxError(escPos, `Invalid \\${e} escape.`);
          }
          this.pos += n;
          pushText(String.fromCodePoint(cp));
          break;
        }
        default: {
          if (e !== undefined && e >= '0' && e <= '7') {
            const oct = t.slice(escPos + 1, escPos + 4);
            if (!/^[0-7]{3}$/.test(oct))
              throw new RulesSyntaxError(escPos, 'Invalid octal escape.');
            this.pos = escPos + 4;
            const b = parseInt(oct, 8);
            if (b > 255) throw new RulesSyntaxError(escPos, 'Invalid octal escape.');
            text += String.fromCharCode(b);
            bytes.push(b);
            break;
          }
          throw new RulesSyntaxError(escPos, `Invalid escape sequence '\\${e ?? ''}'.`);
        }
      }
    }
  }
}
