import { describe, expect, it } from 'vitest';
import { assertErrors, assertHolds, check } from './testing/testKit.js';

const holds = (expr: string): void => assertHolds(expr);
const errors = (expr: string, message: string): void => assertErrors(expr, message);

describe('int and float arithmetic', () => {
  it.each([
    '1 + 2 == 3',
    '7 - 10 == -3',
    '6 * 7 == 42',
    '7 / 2 == 3',
    '-7 / 2 == -3',
    '7 % 3 == 1',
    '-7 % 3 == -1',
    '1.5 + 1 == 2.5',
    '1 + 1.5 == 2.5',
    '7.0 / 2 == 3.5',
    '2 * 0.5 == 1',
    '1 == 1.0',
    '1.0 == 1',
    '0.1 + 0.2 != 0.3',
    '9223372036854775807 == 9223372036854775807',
    '-9223372036854775808 < 0',
    '1.0 / 0 > 1000000.0',
    '-(3) == -3',
    '-(-2.5) == 2.5',
    '1e3 == 1000',
    '2 + 3 * 4 == 14',
    '(2 + 3) * 4 == 20',
    '10 - 4 - 3 == 3',
    '0x10 == 16',
  ])('%s', holds);

  it.each([
    ['9223372036854775807 + 1 > 0', 'Integer overflow'],
    ['-9223372036854775807 - 2 < 0', 'Integer overflow'],
    ['4611686018427387904 * 2 > 0', 'Integer overflow'],
    ['-(-9223372036854775807 - 1) > 0', 'Integer overflow'],
    ['1 / 0 == 0', 'Division by zero'],
    ['1 % 0 == 0', 'Division by zero'],
    ["'a' + 1 == 'a1'", 'Unsupported operation error. Received: string + int.'],
    ['1 + true == 2', 'Received: int + bool'],
    ['[1] - [1] == []', 'Received: list - list'],
    ["'a' * 2 == 'aa'", 'Received: string * int'],
    ['null + 1 == 1', 'Received: null + int'],
    ["-'a' == 'a'", 'Unsupported operation error'],
    ['!1', 'Unsupported operation error'],
    ['{} / 2 == 1', 'Received: map / int'],
    ["b'a' + b'b' == b'ab'", 'Received: bytes + bytes'],
  ])('%s is an error', errors);

  it('rejects an int literal beyond 64 bits at compile time', () => {
    expect(() => check('9223372036854775808 > 0')).toThrow(/out of range/);
  });
});

describe('strings, lists and other operands', () => {
  it.each([
    "'ab' + 'cd' == 'abcd'",
    '[1, 2] + [3] == [1, 2, 3]',
    "'abc' < 'abd'",
    "'B' < 'a'",
    "'' < 'a'",
    "b'\\x01' < b'\\x02'",
    '[1, 2] == [1, 2]',
    '[1, 2] != [2, 1]',
    "{'a': 1} == {'a': 1}",
    "{'a': 1, 'b': 2} == {'b': 2, 'a': 1}",
    "{'a': 1} != {'a': 2}",
    'null == null',
    "null != 'x'",
    "1 != '1'",
    "[1, 'a', true] == [1, 'a', true]",
    "'a' in ['a', 'b']",
    "!('c' in ['a', 'b'])",
    "'a' in {'a': 1}",
    "!('z' in {'a': 1})",
    '2 in [1, 2.0]',
    '1 in [1].toSet()',
    "path('/a/b') == path('a/b')",
  ])('%s', holds);

  it.each([
    ['1 < true', 'Unsupported operation error'],
    ["1 < '1'", 'Received: int < string'],
    ["{'a': 1} < {'a': 2}", 'Received: map < map'],
    ['true < false', 'Received: bool < bool'],
    ['null < 1', 'Received: null < int'],
    ["'a' in 'abc'", 'Received: string in string'],
    ['1 in {"1": 1}', 'Received: int in map'],
    ['1 in 1', 'Received: int in int'],
  ])('%s is an error', errors);

  it('NaN compares false', () => {
    expect(check('(0.0 / 0.0) == (0.0 / 0.0)').allowed).toBe(false);
    holds('!((0.0 / 0.0) < 1)');
    holds('(0.0 / 0.0) != (0.0 / 0.0)');
  });
});

describe('error absorption by && and ||', () => {
  const ERROR = '(1 / 0 == 0)';
  it.each([
    [`${ERROR} && false`, 'false for'],
    [`false && ${ERROR}`, 'false for'],
    [`${ERROR} || false`, 'Division by zero'],
    [`false || ${ERROR}`, 'Division by zero'],
    [`${ERROR} && true`, 'Division by zero'],
    [`true && ${ERROR}`, 'Division by zero'],
    [`${ERROR} && ${ERROR}`, 'Division by zero'],
    [`${ERROR} || ${ERROR}`, 'Division by zero'],
    [`!${ERROR}`, 'Division by zero'],
    [`${ERROR} ? true : true`, 'Division by zero'],
  ])('%s denies with %s', (expr, message) => {
    const d = check(expr);
    expect(d.allowed).toBe(false);
    expect(d.message).toContain(message);
  });

  it.each([
    `${ERROR} || true`,
    `true || ${ERROR}`,
    `!(${ERROR} && false)`,
    `(${ERROR} || true) && true`,
  ])('%s allows', holds);

  it('an undefined property is an error that || can absorb', () => {
    errors('resource.data.x == 1', 'Null value error.');
    holds('resource == null || resource.data.x == 1');
    holds('request.auth == null || request.auth.token.admin == true');
  });

  it('non-bool operands of && and || are errors', () => {
    errors('1 && true', 'Expected a bool');
    errors("true && 'yes'", 'Expected a bool');
    errors("false || 'yes'", 'Expected a bool');
    holds('true || 1');
  });

  it('a condition that is not a bool denies', () => {
    errors('1', 'Expected a bool condition, received: int');
    errors("'true'", 'received: string');
  });
});

describe('ternary, is, indexing and ranges', () => {
  it.each([
    '(true ? 1 : 2) == 1',
    "(false ? 1 : 'x') == 'x'",
    '(1 > 2 ? 1 / 0 : 3) == 3',
    '1 is int',
    '1 is number',
    '1.5 is float',
    '1.5 is number',
    '!(1 is float)',
    "'a' is string",
    'true is bool',
    'null is null',
    "b'x' is bytes",
    '[1] is list',
    "{'a': 1} is map",
    '[1].toSet() is set',
    "path('a/b') is path",
    'request.time is timestamp',
    "duration.value(1, 's') is duration",
    'latlng.value(1, 2) is latlng',
    "{'a': 1}.diff({}) is map_diff",
    '!(null is map)',
    '[1, 2, 3][1] == 2',
    "{'a': {'b': 2}}['a']['b'] == 2",
    "{'a': {'b': 2}}.a.b == 2",
    "'hello'[1] == 'e'",
    '[1, 2, 3, 4][1:3] == [2, 3]',
    '[1, 2, 3][:2] == [1, 2]',
    '[1, 2, 3][1:] == [2, 3]',
    "'hello'[1:3] == 'el'",
    "'hello'[:0] == ''",
    "path('/a/b/c')[1] == 'b'",
    "path('/a/b/c')[1:] == path('b/c')",
  ])('%s', holds);

  it.each([
    ['[1, 2][2] == 0', 'Index out of range'],
    ['[1, 2][-1] == 0', 'Index out of range'],
    ["[1, 2]['a'] == 0", 'Received: list [] string'],
    ["{'a': 1}['b'] == 1", 'Property b is undefined on object.'],
    ["{'a': 1}.b == 1", 'Property b is undefined on object.'],
    ["{'a': 1}[1] == 1", 'Received: map [] int'],
    ['[1, 2][1:5] == []', 'Index out of range'],
    ['[1, 2][2:1] == []', 'Index out of range'],
    ["'ab'[5] == 'a'", 'Index out of range'],
    ['(1).x == 1', 'Property x is undefined'],
    ['null.x == 1', 'Null value error.'],
    ['null[0] == 1', 'Null value error.'],
    ['(1 ? true : false)', 'Expected a bool'],
  ])('%s is an error', errors);

  it('an unknown type name after is is a compile error', () => {
    expect(() => check('1 is integer')).toThrow(/Unknown type 'integer'/);
  });
});
