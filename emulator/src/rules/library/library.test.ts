import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertErrors, assertHolds, check } from '../testing/testKit.js';

const holds = (expr: string): void => assertHolds(expr);
const errors = (expr: string, message: string): void => assertErrors(expr, message);

describe('string', () => {
  it.each([
    "'abc'.size() == 3",
    "''.size() == 0",
    "'héllo'.size() == 5",
    "'😀a'.size() == 2",
    "'abc'.matches('a.c')",
    "!'abcd'.matches('a.c')",
    "'user@example.com'.matches('.*@example[.]com')",
    "'ABC'.matches('(?i)abc')",
    "'a1'.matches('\\\\w\\\\d')",
    "'AbC'.lower() == 'abc'",
    "'AbC'.upper() == 'ABC'",
    "'  x y  '.trim() == 'x y'",
    "'a/b/c'.split('/') == ['a', 'b', 'c']",
    "'a1b22c'.split('[0-9]+') == ['a', 'b', 'c']",
    "'a,'.split(',') == ['a', '']",
    "'aXbXc'.replace('X', '-') == 'a-b-c'",
    "'abc'.replace('(b)', '[$1]') == 'a[b]c'",
    "'é'.toUtf8() == b'\\xc3\\xa9'",
    "'abc'.toUtf8().size() == 3",
    "'x' + 'y' == 'xy'",
    "string(1) == '1'",
    "string(1.5) == '1.5'",
    "string(2.0) == '2.0'",
    "string(true) == 'true'",
    "string(null) == 'null'",
    "string('s') == 's'",
    "string(path('/a/b')) == '/a/b'",
  ])('%s', holds);

  it.each([
    ["'abc'.matches('(')", 'Invalid regular expression'],
    ["'abc'.matches(1)", 'Function: [matches]'],
    ["'abc'.size(1) == 3", 'expects 0 argument'],
    ["'abc'.nope()", 'Function not found error: Name: [nope]'],
    ["'a'.split(1) == []", 'Function: [split]'],
    ["'abc'.matches('(?<=a)b')", 'Invalid regular expression'],
    ['string([1]) == ""', 'Function: [string]'],
  ])('%s is an error', errors);

  it('regular expressions are RE2: backreferences are rejected, not backtracked', () => {
    errors("'aa'.matches('(a)\\\\1')", 'Invalid regular expression');
  });
});

describe('int, float and conversions', () => {
  it.each([
    "int('42') == 42",
    "int('-7') == -7",
    'int(3.9) == 3',
    'int(-3.9) == -3',
    'int(5) == 5',
    "float('1.5') == 1.5",
    'float(2) == 2.0',
    'float(2) is float',
    "float('1e3') == 1000.0",
  ])('%s', holds);

  it.each([
    ["int('x') == 0", 'Function: [int]'],
    ["int('9223372036854775808') == 0", 'Integer overflow'],
    ['int(1e300) == 0', 'Integer overflow'],
    ["float('abc') == 0.0", 'Function: [float]'],
    ['int(null) == 0', 'Function: [int]'],
    ['int(1, 2) == 0', 'expects 1 argument'],
  ])('%s is an error', errors);
});

describe('math', () => {
  it.each([
    'math.abs(-3) == 3',
    'math.abs(-3) is int',
    'math.abs(-2.5) == 2.5',
    'math.ceil(1.2) == 2',
    'math.ceil(-1.2) == -1',
    'math.floor(1.8) == 1',
    'math.floor(-1.2) == -2',
    'math.round(1.5) == 2',
    'math.round(-1.5) == -2',
    'math.round(1.4) == 1',
    'math.round(2) == 2',
    'math.sqrt(16) == 4.0',
    'math.pow(2, 10) == 1024.0',
    'math.pow(2.0, 0.5) > 1.41',
    'math.isNaN(0.0 / 0.0)',
    '!math.isNaN(1.0)',
    '!math.isNaN(1)',
    'math.isInfinite(1.0 / 0)',
    'math.isInfinite(-1.0 / 0)',
    '!math.isInfinite(1.0)',
  ])('%s', holds);

  it.each([
    ["math.abs('a') == 1", 'Function: [math.abs]'],
    ['math.abs(-9223372036854775807 - 1) > 0', 'Integer overflow'],
    ['math.sqrt() == 1', 'expects 1 argument'],
    ['math.floor(0.0 / 0.0) == 0', 'NaN'],
  ])('%s is an error', errors);

  it('an unknown math function is a compile error', () => {
    expect(() => check('math.cube(2) == 8')).toThrow(
      /Function not found error: Name: \[math.cube\]/,
    );
  });
});

describe('list', () => {
  it.each([
    '[1, 2, 3].size() == 3',
    '[].size() == 0',
    "['a', 'b'].hasAll(['a'])",
    "!['a', 'b'].hasAll(['a', 'c'])",
    "['a', 'b'].hasAll([])",
    "['a', 'b'].hasAny(['c', 'b'])",
    "!['a', 'b'].hasAny([])",
    "['a', 'b'].hasOnly(['a', 'b', 'c'])",
    "!['a', 'd'].hasOnly(['a', 'b'])",
    "[].hasOnly(['a'])",
    "['a', 'b'].hasAll(['a'].toSet())",
    '[1, 1, 2].toSet() == [2, 1].toSet()',
    '[1, 1, 2].toSet().size() == 2',
    "['a', 'b'].join('-') == 'a-b'",
    "[].join(',') == ''",
    '[1].concat([2, 3]) == [1, 2, 3]',
    '[1, 2, 3, 2].removeAll([2]) == [1, 3]',
    '[1, 2].removeAll([]) == [1, 2]',
    '1 in [1, 2]',
  ])('%s', holds);

  it.each([
    ['[1, 2].join(",") == "1,2"', 'list items must be strings'],
    ['[1].hasAll(1)', 'Function: [hasAll]'],
    ['[1].concat(1) == []', 'Function: [concat]'],
    ['[1].nope()', 'Function not found error: Name: [nope].'],
    ["'abc'.matches(1)", 'Invalid argument provided to call. Function: [matches], Argument: [1].'],
  ])('%s is an error', errors);
});

describe('map and MapDiff', () => {
  it.each([
    "{'a': 1, 'b': 2}.size() == 2",
    "{'a': 1, 'b': 2}.keys() == ['a', 'b']",
    "{'a': 1, 'b': 2}.values() == [1, 2]",
    "{'a': 1}.get('a', 0) == 1",
    "{'a': 1}.get('z', 0) == 0",
    "{'a': {'b': 2}}.get(['a', 'b'], 0) == 2",
    "{'a': {'b': 2}}.get(['a', 'c'], 'none') == 'none'",
    "{'a': 1}.get(['a', 'b'], 'none') == 'none'",
    "{'a': 1, 'b': 2}.diff({'a': 1, 'c': 3}).addedKeys() == ['c'].toSet()",
    "{'a': 1, 'b': 2}.diff({'a': 1, 'c': 3}).removedKeys() == ['b'].toSet()",
    "{'a': 1, 'b': 2}.diff({'a': 5, 'b': 2}).changedKeys() == ['a'].toSet()",
    "{'a': 1, 'b': 2, 'd': 4}.diff({'a': 5, 'b': 2, 'c': 3}).affectedKeys() == ['a', 'c', 'd'].toSet()",
    "{'a': 1, 'b': 2}.diff({'a': 5, 'b': 2}).unchangedKeys() == ['b'].toSet()",
    "{'a': 1}.diff({'a': 1.0}).changedKeys().size() == 0",
    "{'a': 1}.diff({'a': 1}).affectedKeys().hasOnly([])",
    "{'a': [1]}.diff({'a': [1, 2]}).changedKeys().hasAll(['a'])",
    '{}.size() == 0',
  ])('%s', holds);

  it.each([
    ["{'a': 1}.diff([1]).addedKeys().size() == 0", 'Function: [diff]'],
    ["{'a': 1}.get('a') == 1", 'expects 2 argument'],
    ["{'a': 1}.get(1, 0) == 1", 'Function: [get]'],
    ['{1: 2}.size() == 1', 'Map keys must be strings'],
  ])('%s is an error', errors);
});

describe('set', () => {
  it.each([
    '[1, 2].toSet().size() == 2',
    '[1, 2].toSet().union([3].toSet()) == [1, 2, 3].toSet()',
    '[1, 2].toSet().union([2, 3]) == [1, 2, 3].toSet()',
    '[1, 2, 3].toSet().intersection([2, 3, 4].toSet()) == [2, 3].toSet()',
    '[1, 2, 3].toSet().difference([2].toSet()) == [1, 3].toSet()',
    '[1, 2].toSet().hasAll([1])',
    '[1, 2].toSet().hasAny([3, 2])',
    '[1, 2].toSet().hasOnly([1, 2, 3])',
    '!([1, 4].toSet().hasOnly([1, 2, 3]))',
    '[1, 2].toSet() == [2, 1, 1].toSet()',
    '[1, 2].toSet() != [1].toSet()',
    '2 in [1, 2].toSet()',
  ])('%s', holds);

  it('set methods reject non-collections', () => {
    errors('[1].toSet().union(1).size() == 1', 'Function: [union]');
  });
});

describe('timestamp and duration', () => {
  // FIXED_TIME is 2023-11-14T22:13:20Z.
  it.each([
    'request.time == timestamp.value(1700000000000)',
    'request.time.year() == 2023',
    'request.time.month() == 11',
    'request.time.day() == 14',
    'request.time.hours() == 22',
    'request.time.minutes() == 13',
    'request.time.seconds() == 20',
    'request.time.nanos() == 0',
    'request.time.dayOfWeek() == 2',
    'request.time.dayOfYear() == 318',
    'request.time.toMillis() == 1700000000000',
    'request.time.date() == timestamp.date(2023, 11, 14)',
    'request.time.time() == duration.time(22, 13, 20, 0)',
    "request.time + duration.value(1, 'd') == timestamp.date(2023, 11, 15) + request.time.time()",
    "request.time - duration.value(1, 'h') < request.time",
    "duration.value(1, 'h') + request.time > request.time",
    'request.time - timestamp.date(2023, 11, 14) == duration.time(22, 13, 20, 0)',
    'timestamp.date(2024, 2, 29).dayOfYear() == 60',
    'timestamp.date(1, 1, 1).year() == 1',
    'timestamp.value(1500).nanos() == 500000000',
    'timestamp.value(-1).toMillis() == -1',
    "duration.value(90, 's').seconds() == 90",
    "duration.value(1500, 'ms').nanos() == 500000000",
    "duration.value(1, 'w') == duration.value(7, 'd')",
    "duration.value(1, 'm') == duration.value(60, 's')",
    "duration.value(2, 'ns').nanos() == 2",
    "duration.value(0.5, 's') == duration.value(500, 'ms')",
    "duration.abs(duration.value(-5, 's')) == duration.value(5, 's')",
    "-duration.value(5, 's') < duration.value(0, 's')",
    "duration.value(1, 'h') + duration.value(30, 'm') == duration.time(1, 30, 0, 0)",
    "duration.value(1, 'h') - duration.value(30, 'm') == duration.value(30, 'm')",
    "duration.value(1, 's') < duration.value(2, 's')",
    'timestamp.date(2020, 1, 1) < timestamp.date(2021, 1, 1)',
  ])('%s', holds);

  it.each([
    ["duration.value(1, 'y') is duration", 'Invalid duration unit'],
    ['timestamp.date(2023, 2, 30) is timestamp', 'Function: [timestamp.date]'],
    ['timestamp.date(2023, 13, 1) is timestamp', 'Function: [timestamp.date]'],
    ["timestamp.value('x') is timestamp", 'Function: [timestamp.value]'],
    ['timestamp.value(253402300800000) is timestamp', 'Timestamp out of range'],
    ['request.time + request.time > request.time', 'Received: timestamp + timestamp'],
    ['request.time + 1 > request.time', 'Received: timestamp + int'],
    ['request.time < 5', 'Received: timestamp < int'],
    ['duration.abs(1) is duration', 'Function: [duration.abs]'],
  ])('%s is an error', errors);
});

describe('latlng', () => {
  it.each([
    'latlng.value(10, 20).latitude() == 10',
    'latlng.value(10.5, -20).longitude() == -20',
    'latlng.value(0, 0).distance(latlng.value(0, 0)) == 0',
    'latlng.value(0, 0).distance(latlng.value(0, 1)) > 111000',
    'latlng.value(0, 0).distance(latlng.value(0, 1)) < 111400',
    'latlng.value(1, 2) == latlng.value(1, 2)',
    'latlng.value(1, 2) != latlng.value(2, 1)',
  ])('%s', holds);

  it.each([
    ['latlng.value(91, 0) is latlng', 'Invalid latlng'],
    ['latlng.value(0, 181) is latlng', 'Invalid latlng'],
    ['latlng.value(0, 0).distance(1) > 0', 'Function: [distance]'],
  ])('%s is an error', errors);
});

describe('hashing', () => {
  const hex = (algo: string, s: string): string =>
    createHash(algo).update(s).digest('hex').toUpperCase();
  it.each([
    "hashing.crc32('hello') == 907060870",
    "hashing.crc32(b'hello') == 907060870",
    "hashing.crc32c('123456789') == 3808858755",
    "hashing.crc32('123456789') == 3421780262",
    "hashing.crc32('') == 0",
    `hashing.md5('hello').toHexString() == '${hex('md5', 'hello')}'`,
    `hashing.sha256('hello').toHexString() == '${hex('sha256', 'hello')}'`,
    `hashing.sha256(b'hello') == hashing.sha256('hello')`,
    "hashing.md5('x').size() == 16",
    "hashing.sha256('x') is bytes",
  ])('%s', holds);

  it('rejects other argument types', () => {
    errors('hashing.md5(1).size() == 16', 'Function: [hashing.md5]');
  });
});

describe('bytes', () => {
  it.each([
    "b'abc'.size() == 3",
    "b'\\x00\\xff'.size() == 2",
    "b'\\xfb\\xff'.toBase64() == '-_8'",
    "b'\\x01\\xab'.toHexString() == '01AB'",
    "b'abc' == 'abc'.toUtf8()",
    "b'a' != b'b'",
  ])('%s', holds);
});

describe('path', () => {
  it.each([
    "path('/a/b') == /a/b",
    "/databases/x/documents/a == path('databases/x/documents/a')",
    "path('a/b/c')[2] == 'c'",
    "/a/$('b')/c == path('a/b/c')",
    "/a/$(1)/c == path('a/1/c')",
    "/a/x$('y')z == path('a/xyz')",
    "/a/$(path('b/c'))/d == path('a/b/c/d')",
    "/databases/(default)/documents/x == path('databases/(default)/documents/x')",
    "path('a') + path('b/c') == path('a/b/c')",
    "path('a') + 'b/c' == path('a/b/c')",
    "path('/a/{x}').bind({'x': 'b'}) == path('a/b')",
    "path('/a/b').bind({'x': 'y'}) == path('a/b')",
  ])('%s', holds);

  it.each([
    ['/a/$(null) == /a', 'Null value error'],
    ['/a/$([1]) == /a', 'Cannot use a list in a path'],
    ["path('a')[1] == 'b'", 'Index out of range'],
    ['path(1) == /a', 'Function: [path]'],
  ])('%s is an error', errors);
});

describe('debug', () => {
  it('returns its argument and reports it', () => {
    const seen: string[] = [];
    expect(
      check("debug(1 + 1) == 2 && debug('x') == 'x'", { debug: (m) => seen.push(m) }).allowed,
    ).toBe(true);
    expect(seen).toEqual(['2', '"x"']);
  });
});
