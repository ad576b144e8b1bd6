import { describe, expect, it } from 'vitest';
import { compileRuleset } from './ruleset.js';
import { parseExpression, parseRules } from './parser.js';

/** Compiles and returns the single error as "line:column message". */
function syntaxError(source: string): string {
  const { ruleset, issues } = compileRuleset(source);
  expect(ruleset).toBeNull();
  expect(issues).toHaveLength(1);
  const [i] = issues;
  return `${i?.line}:${i?.column} ${i?.message}`;
}

const FS = (body: string): string =>
  `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${body}\n  }\n}\n`;

describe('parsing rules files', () => {
  it('parses version, service, nested matches, allows and functions', () => {
    const file = parseRules(
      FS(`    function f(a, b) { let c = a + b; return c > 0; }
    match /lists/{listId} {
      allow read, write: if f(1, 2);
      match /todos/{todoId=**} { allow get; }
    }`),
    );
    expect(file.version).toBe('2');
    expect(file.service.name).toBe('cloud.firestore');
    const root = file.service.matches[0];
    expect(root?.pattern).toEqual([
      { kind: 'literal', text: 'databases' },
      { kind: 'wildcard', name: 'database' },
      { kind: 'literal', text: 'documents' },
    ]);
    expect(root?.functions[0]?.params).toEqual(['a', 'b']);
    expect(root?.functions[0]?.lets[0]?.name).toBe('c');
    const lists = root?.matches[0];
    expect(lists?.allows[0]?.methods).toEqual(['read', 'write']);
    expect(lists?.matches[0]?.pattern[1]).toEqual({ kind: 'recursive', name: 'todoId' });
    expect(lists?.matches[0]?.allows[0]?.condition).toBeNull();
  });

  it('defaults to rules_version 1', () => {
    expect(
      parseRules('service cloud.firestore { match /x/{y} { allow read: if true; } }').version,
    ).toBe('1');
  });

  it('accepts comments, trailing commas and optional semicolons', () => {
    const { ruleset, issues } = compileRuleset(
      FS(`    // line comment
    /* block
       comment */
    function f() { return [1, 2,].size() == 2 }
    match /a/{b} { allow read: if f() && {'k': 1,}.k == 1 }`),
    );
    expect(issues).toEqual([]);
    expect(ruleset).not.toBeNull();
  });

  it('accepts CRLF line endings and a byte-order mark, and still positions errors', () => {
    const crlf =
      "\ufeffrules_version = '2';\r\nservice cloud.firestore {\r\n  match /a/{b} {\r\n    allow read: if true;\r\n  }\r\n}\r\n";
    expect(compileRuleset(crlf).issues).toEqual([]);
    const broken = crlf.replace('if true;', 'if true +;');
    expect(compileRuleset(broken).issues[0]).toMatchObject({ line: 4, column: 26 });
  });

  it('parses storage rules', () => {
    const { ruleset } = compileRuleset(
      "rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{all=**} { allow read; } } }",
    );
    expect(ruleset?.service).toBe('firebase.storage');
  });

  it('applies precedence: && binds tighter than ||, relations tighter than &&', () => {
    const e = parseExpression('a || b && c == d');
    expect(e.kind === 'binary' && e.op).toBe('||');
    const r = e.kind === 'binary' ? e.right : e;
    expect(r.kind === 'binary' && r.op).toBe('&&');
  });

  it('folds negative literals, including the smallest int', () => {
    const e = parseExpression('-9223372036854775808');
    expect(e).toMatchObject({ kind: 'literal', value: -(1n << 63n) });
  });

  it('parses string escapes and bytes literals', () => {
    expect(parseExpression("'a\\n\\t\\u00e9\\x41'")).toMatchObject({ value: 'a\n\té\x41' });
    expect(parseExpression('"dq"')).toMatchObject({ value: 'dq' });
    expect(parseExpression("b'\\xff\\x00'")).toMatchObject({ value: new Uint8Array([255, 0]) });
    expect(parseExpression("r'a\\d'")).toMatchObject({ value: 'a\\d' });
  });

  it('parses path literals with interpolations and parenthesised segments', () => {
    const e = parseExpression('/databases/$(database)/documents/users/$(request.auth.uid)');
    expect(e.kind).toBe('path');
    if (e.kind === 'path') {
      expect(e.segments).toHaveLength(5);
      expect(e.segments[1]?.[0]).toMatchObject({ kind: 'ident', name: 'database' });
    }
    expect(parseExpression('get(/databases/(default)/documents/a/b)')).toMatchObject({
      kind: 'call',
    });
  });

  it('tells division from paths by position', () => {
    expect(parseExpression('a / b')).toMatchObject({ kind: 'binary', op: '/' });
    expect(parseExpression('x == /a/b')).toMatchObject({ kind: 'binary', right: { kind: 'path' } });
  });
});

describe('syntax errors carry line and column', () => {
  it.each([
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if true\n    allow write: if false;\n  }\n}',
      "4:5 Expected ';' but found 'allow'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow reed: if true;\n  }\n}',
      '3:11 Expected a method (read, write, get, list, create, update, delete)',
    ],
    ['service cloud.firestore {\n  match a/{b} { }\n}', "2:9 Expected a path starting with '/'"],
    ['service cloud.firestore {\n  match /a/{b { }\n}', '2:12 Invalid wildcard'],
    ['service cloud.firestore {\n  match /a/{b}/{b} { }\n}', "2:16 Duplicate wildcard name 'b'"],
    ['service cloud.firestore {\n  match /a//b { }\n}', '2:12 Empty path segment'],
    ["rules_version = '3';\nservice cloud.firestore {}", "1:17 rules_version must be '1' or '2'."],
    ['service cloud.datastore {}', "1:1 Unknown service 'cloud.datastore'"],
    ['', "1:1 Expected 'service' but found end of file."],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if (true;\n  }\n}',
      "3:25 Expected ')' to close the parenthesis but found ';'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if 1 +;\n  }\n}',
      "3:23 Expected an expression but found ';'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if "abc;\n  }\n}',
      '3:20 Unterminated string literal.',
    ],
    ['service cloud.firestore {\n  /* never closed\n}', '2:3 Unterminated comment.'],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if a # b;\n  }\n}',
      "3:22 Unexpected character '#'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if 1.5e;\n  }\n}',
      '3:23 Invalid number exponent.',
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if 12abc;\n  }\n}',
      "3:22 Unexpected character 'a' in number.",
    ],
    [
      "service cloud.firestore {\n  match /a/{b} {\n    allow read: if '\\q' == 'q';\n  }\n}",
      "3:21 Invalid escape sequence '\\q'.",
    ],
    [
      'service cloud.firestore {\n  function f() { let x = 1; return x; }\n}',
      "2:18 'let' bindings need rules_version = '2'.",
    ],
    [
      "rules_version = '1';\nservice cloud.firestore {\n  match /{rest=**}/a { allow read; }\n}",
      "3:9 In rules_version '1' a recursive wildcard {name=**} must be the last path segment.",
    ],
    [
      "rules_version = '2';\nservice cloud.firestore {\n  match /{a=**}/x/{b=**} { allow read; }\n}",
      '3:9 A match path may contain only one recursive wildcard.',
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if true;\n  }\n',
      "5:1 Expected 'match' or 'function' but found end of file.",
    ],
    [
      'service cloud.firestore {\n  allow read: if true;\n}',
      "2:3 Expected 'match' or 'function' but found 'allow'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if nope();\n  }\n}',
      '3:20 Function not found error: Name: [nope].',
    ],
    [
      'service cloud.firestore {\n  function f(a) { return a; }\n  match /a/{b} {\n    allow read: if f(1, 2);\n  }\n}',
      "4:20 Function 'f' expects 1 argument(s) but is called with 2.",
    ],
    [
      'service cloud.firestore {\n  function f() { return true; }\n  function f() { return false; }\n}',
      "3:3 Function 'f' is already defined in this scope.",
    ],
    [
      'service cloud.firestore {\n  function f(a, a) { return a; }\n}',
      "2:17 Duplicate parameter name 'a'.",
    ],
    [
      'service cloud.firestore {\n  function f() { return g(); }\n  function g() { return f(); }\n}',
      '2:3 Recursive function calls are not allowed: f → g → f.',
    ],
    [
      'service cloud.firestore {\n  function f() { return f(); }\n}',
      '2:3 Recursive function calls are not allowed: f → f.',
    ],
    [
      'service cloud.firestore {\n  function f(a, b, c, d, e, f1, g, h) { return true; }\n}',
      "2:3 Function 'f' has 8 parameters; at most 7 are allowed.",
    ],
    [
      'service cloud.firestore {}\nservice cloud.firestore {}',
      '2:1 Only one service may be declared per rules file.',
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if 99999999999999999999 > 0;\n  }\n}',
      '3:20 Integer literal 99999999999999999999 is out of range',
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if x.;\n  }\n}',
      "3:22 Expected a field or method name after '.' but found ';'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if (1)(2);\n  }\n}',
      '3:23 Only functions and methods can be called.',
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if true ? 1;\n  }\n}',
      "3:28 Expected ':' in the conditional expression but found ';'.",
    ],
    [
      'service cloud.firestore {\n  match /a/{b} {\n    allow read: if /a/$(b;\n  }\n}',
      "3:26 Expected ')' to close '$(' but found ';'.",
    ],
  ])('%#: %s', (source, expected) => {
    expect(syntaxError(source).startsWith(expected), syntaxError(source)).toBe(true);
  });

  it('warns, with a position, about names no enclosing scope binds, and still compiles', () => {
    const { ruleset, issues } = compileRuleset(
      FS(`    function f() { return listId == 'x' && database != null; }
    match /lists/{listId} { allow read: if f() && lsitId == 'x'; }`),
    );
    expect(ruleset).not.toBeNull();
    expect(
      issues.map((i) => `${i.severity} ${i.line}:${i.column} ${i.message.split(' ')[0]}`),
    ).toEqual(["warning 4:27 'listId'", "warning 5:51 'lsitId'"]);
  });

  it('rejects more than 10 let bindings', () => {
    const lets = Array.from({ length: 11 }, (_, i) => `let v${i} = ${i};`).join(' ');
    expect(syntaxError(FS(`    function f() { ${lets} return true; }`))).toMatch(
      /has 11 let bindings; at most 10 are allowed/,
    );
  });

  it('bounds nesting depth with a positioned error instead of overflowing the stack', () => {
    const deep = '('.repeat(5000) + 'true' + ')'.repeat(5000);
    expect(syntaxError(FS(`    match /a/{b} { allow read: if ${deep}; }`))).toMatch(
      /^4:\d+ Expression or block nested too deeply\.$/,
    );
  });

  it('bounds the depth of long operator and member chains too', () => {
    const chain = 'true' + ' && true'.repeat(3000);
    expect(syntaxError(FS(`    match /a/{b} { allow read: if ${chain}; }`))).toMatch(
      /^4:\d+ Expression nested too deeply\.$/,
    );
    const members = 'request' + '.a'.repeat(3000);
    expect(syntaxError(FS(`    match /a/{b} { allow read: if ${members} == 1; }`))).toMatch(
      /^4:\d+ Expression nested too deeply\.$/,
    );
    const fine = 'true' + ' && true'.repeat(300);
    expect(compileRuleset(FS(`    match /a/{b} { allow read: if ${fine}; }`)).issues).toEqual([]);
  });

  it('rejects a ruleset larger than 256 KB', () => {
    expect(syntaxError(FS('// ' + 'x'.repeat(300 * 1024)))).toBe(
      '1:1 Ruleset exceeds the maximum size of 256 KB.',
    );
  });
});
