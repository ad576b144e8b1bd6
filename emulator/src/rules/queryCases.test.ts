import { describe, expect, it } from 'vitest';
import type { QueryConstraints, QueryFilter } from './api.js';
import {
  auth,
  compileOrThrow,
  firestoreRequest,
  firestoreRules,
  MemoryDocuments,
  toValue,
} from './testing/testKit.js';
import type { FilterOperator } from '../model/filterOperator.js';

function f(field: string, op: FilterOperator, value?: unknown): QueryFilter {
  return value === undefined
    ? { field: field.split('.'), op }
    : { field: field.split('.'), op, value: toValue(value) };
}

function q(disjuncts: QueryFilter[][], extra: Partial<QueryConstraints> = {}): QueryConstraints {
  return { disjuncts, orderBy: [], ...extra };
}

function judge(rule: string, query: QueryConstraints, uid = 'u1', path = 'things') {
  const rules = compileOrThrow(
    firestoreRules(
      `    match /things/{id} {\n      allow list: if ${rule};\n    }\n    match /lists/{listId}/todos/{todoId} {\n      allow list: if ${rule};\n    }`,
    ),
  );
  return rules.evaluateFirestore(
    firestoreRequest({ method: 'list', path, auth: auth(uid), query }),
  );
}

const OWNER = 'resource.data.ownerId == request.auth.uid';

type Case = readonly [string, readonly QueryFilter[], boolean];

/** Table rows with a readable label for the filters (their values hold bigints). */
function cases(rows: readonly Case[]) {
  return rows.map(([rule, filters, expected]) => ({
    rule,
    filters,
    expected,
    label: filters.map((x) => `${x.field.join('.')} ${x.op}`).join(', ') || 'no filter',
  }));
}

describe('queries are not filters: equality', () => {
  it('allows a query that pins the field to the caller', () => {
    expect(judge(OWNER, q([[f('ownerId', 'EQUAL', 'u1')]])).allowed).toBe(true);
  });

  it('denies the same query without the filter, naming the undefined field', () => {
    const d = judge(OWNER, q([]));
    expect(d.allowed).toBe(false);
    expect(d.message.split('\n')[0]).toBe(
      "Property ownerId is undefined on object. for 'list' @ L5",
    );
  });

  it('denies a filter on someone else', () => {
    expect(judge(OWNER, q([[f('ownerId', 'EQUAL', 'u2')]])).message).toMatch(
      /^false for 'list' @ L5/,
    );
  });

  it('ignores stored data entirely', () => {
    const access = new MemoryDocuments({ 'things/t1': { ownerId: 'u1' } });
    const rules = compileOrThrow(
      firestoreRules(`    match /things/{id} { allow list: if ${OWNER}; }`),
    );
    expect(
      rules.evaluateFirestore(
        firestoreRequest({
          method: 'list',
          path: 'things',
          auth: auth('u1'),
          access,
          query: q([]),
        }),
      ).allowed,
    ).toBe(false);
    expect(access.lookups).toEqual([]);
  });

  it('other filters do not help', () => {
    expect(judge(OWNER, q([[f('title', 'EQUAL', 'x')]])).allowed).toBe(false);
    expect(judge(OWNER, q([[f('ownerId', 'NOT_EQUAL', 'u2')]])).allowed).toBe(false);
  });

  it.each(
    cases([
      ['resource.data.done == false', [f('done', 'EQUAL', false)], true],
      ['resource.data.done == false', [f('done', 'EQUAL', true)], false],
      ['resource.data.priority == 2', [f('priority', 'EQUAL', 2.0)], true],
      ['resource.data.meta.owner == request.auth.uid', [f('meta.owner', 'EQUAL', 'u1')], true],
      ['resource.data.meta.owner == request.auth.uid', [f('meta.other', 'EQUAL', 'u1')], false],
      ['resource.data.tags.size() > 0', [f('tags', 'EQUAL', ['a'])], true],
      ["resource.data.status != 'deleted'", [f('status', 'NOT_EQUAL', 'deleted')], true],
      ["resource.data.status != 'deleted'", [f('status', 'NOT_IN', ['archived', 'deleted'])], true],
      ["resource.data.status != 'deleted'", [f('status', 'NOT_EQUAL', 'archived')], false],
      ["resource.data.status == 'deleted'", [f('status', 'NOT_EQUAL', 'deleted')], false],
      ['resource.data.x != null', [f('x', 'IS_NOT_NULL')], true],
      ["'ownerId' in resource.data", [f('ownerId', 'EQUAL', 'u9')], true],
      ["'ownerId' in resource.data", [], false],
      ["resource.data.keys().hasAll(['ownerId'])", [f('ownerId', 'EQUAL', 'u1')], false],
      ['resource != null', [], true],
      ['resource == null', [], false],
      ['request.auth != null', [], true],
      ["resource.data.get('ownerId', '') == request.auth.uid", [f('ownerId', 'EQUAL', 'u1')], true],
      ["resource.id == 'x'", [], false],
      [
        "resource.id == 'x'",
        [
          {
            field: ['__name__'],
            op: 'EQUAL',
            value: { referenceValue: 'projects/p/databases/(default)/documents/things/x' },
          },
        ],
        true,
      ],
      [
        'resource.__name__ == /databases/(default)/documents/things/x',
        [
          {
            field: ['__name__'],
            op: 'EQUAL',
            value: { referenceValue: 'projects/p/databases/(default)/documents/things/x' },
          },
        ],
        true,
      ],
      ['resource.data.deletedAt == null', [f('deletedAt', 'IS_NULL')], true],
      ['resource.data.deletedAt == null', [f('deletedAt', 'IS_NOT_NULL')], false],
    ] as const),
  )('$rule with $label → $expected', ({ rule, filters, expected }) => {
    expect(judge(rule, q([[...filters]])).allowed).toBe(expected);
  });
});

describe('queries are not filters: in, array-contains, ranges, limit', () => {
  it('an in filter must satisfy the rule for each value', () => {
    expect(judge(OWNER, q([[f('ownerId', 'IN', ['u1'])]])).allowed).toBe(true);
    expect(judge(OWNER, q([[f('ownerId', 'IN', ['u1', 'u2'])]])).allowed).toBe(false);
    expect(
      judge("resource.data.status in ['open', 'done']", q([[f('status', 'IN', ['open', 'done'])]]))
        .allowed,
    ).toBe(true);
    expect(
      judge("resource.data.status in ['open', 'done']", q([[f('status', 'IN', ['open', 'gone'])]]))
        .allowed,
    ).toBe(false);
  });

  const MEMBER = 'request.auth.uid in resource.data.memberIds';
  it('array-contains proves membership', () => {
    expect(judge(MEMBER, q([[f('memberIds', 'ARRAY_CONTAINS', 'u1')]])).allowed).toBe(true);
    expect(judge(MEMBER, q([[f('memberIds', 'ARRAY_CONTAINS', 'u2')]])).allowed).toBe(false);
    expect(judge(MEMBER, q([])).message).toMatch(
      /^Property memberIds is undefined on object\. for 'list'/,
    );
    expect(
      judge(
        'resource.data.memberIds.hasAny([request.auth.uid])',
        q([[f('memberIds', 'ARRAY_CONTAINS', 'u1')]]),
      ).allowed,
    ).toBe(true);
    expect(
      judge('resource.data.memberIds is list', q([[f('memberIds', 'ARRAY_CONTAINS', 'u1')]]))
        .allowed,
    ).toBe(true);
  });

  it('array-contains-any must prove the rule for each value', () => {
    expect(judge(MEMBER, q([[f('memberIds', 'ARRAY_CONTAINS_ANY', ['u1'])]])).allowed).toBe(true);
    expect(judge(MEMBER, q([[f('memberIds', 'ARRAY_CONTAINS_ANY', ['u1', 'u2'])]])).allowed).toBe(
      false,
    );
  });

  it.each(
    cases([
      ['resource.data.priority >= 2', [f('priority', 'GREATER_THAN', 3)], true],
      ['resource.data.priority >= 2', [f('priority', 'GREATER_THAN_OR_EQUAL', 2)], true],
      ['resource.data.priority > 2', [f('priority', 'GREATER_THAN_OR_EQUAL', 2)], false],
      ['resource.data.priority > 2', [f('priority', 'GREATER_THAN', 2)], true],
      ['resource.data.priority >= 2', [f('priority', 'GREATER_THAN_OR_EQUAL', 1)], false],
      ['resource.data.priority < 10', [f('priority', 'LESS_THAN', 5)], true],
      ['resource.data.priority <= 5', [f('priority', 'LESS_THAN_OR_EQUAL', 5)], true],
      ['resource.data.priority < 5', [f('priority', 'LESS_THAN_OR_EQUAL', 5)], false],
      ['resource.data.priority < 5', [], false],
      ['2 <= resource.data.priority', [f('priority', 'GREATER_THAN', 3)], true],
      [
        'resource.data.priority >= 1 && resource.data.priority <= 3',
        [f('priority', 'GREATER_THAN_OR_EQUAL', 1), f('priority', 'LESS_THAN', 3)],
        true,
      ],
      ['resource.data.priority > 1.5', [f('priority', 'GREATER_THAN', 2)], true],
      ['resource.data.priority != 0', [f('priority', 'GREATER_THAN', 0)], true],
      ['resource.data.priority == 0', [f('priority', 'GREATER_THAN', 0)], false],
      ['!(resource.data.priority < 1)', [f('priority', 'GREATER_THAN', 3)], true],
      ['resource.data.title is string', [f('title', 'GREATER_THAN', '')], true],
      ["resource.data.title > 'a'", [f('title', 'GREATER_THAN_OR_EQUAL', 'b')], true],
      [
        'resource.data.dueAt < request.time',
        [f('dueAt', 'LESS_THAN', new Date(1_600_000_000_000))],
        true,
      ],
      [
        'resource.data.dueAt < request.time',
        [f('dueAt', 'LESS_THAN', new Date(1_800_000_000_000))],
        false,
      ],
    ] as const),
  )('$rule with $label → $expected', ({ rule, filters, expected }) => {
    expect(judge(rule, q([[...filters]])).allowed).toBe(expected);
  });

  it('judges request.query.limit and offset', () => {
    const rule = 'request.query.limit <= 50';
    expect(judge(rule, q([], { limit: 10 })).allowed).toBe(true);
    expect(judge(rule, q([], { limit: 100 })).allowed).toBe(false);
    expect(judge(rule, q([])).message).toMatch(/^Property limit is undefined on object\./);
    expect(judge('request.query.offset == 5', q([], { offset: 5 })).allowed).toBe(true);
    expect(
      judge(
        "request.query.orderBy.keys() == ['priority']",
        q([], { orderBy: [{ field: ['priority'], direction: 'ASCENDING' }] }),
      ).allowed,
    ).toBe(true);
  });
});

describe('queries are not filters: OR queries and context', () => {
  const EITHER =
    "resource.data.ownerId == request.auth.uid || resource.data.visibility == 'public'";

  it('each disjunct must be allowed on its own', () => {
    expect(
      judge(EITHER, q([[f('ownerId', 'EQUAL', 'u1')], [f('visibility', 'EQUAL', 'public')]]))
        .allowed,
    ).toBe(true);
    expect(
      judge(OWNER, q([[f('ownerId', 'EQUAL', 'u1')], [f('visibility', 'EQUAL', 'public')]]))
        .allowed,
    ).toBe(false);
    expect(
      judge(EITHER, q([[f('ownerId', 'EQUAL', 'u1')], [f('visibility', 'EQUAL', 'private')]]))
        .allowed,
    ).toBe(false);
  });

  it('uses the wildcards of the queried collection, and get() on the parent', () => {
    const access = new MemoryDocuments({ 'lists/l1': { members: { u1: 'viewer' } } });
    const rules = compileOrThrow(
      firestoreRules(`    match /lists/{listId}/todos/{todoId} {
      allow list: if get(/databases/$(database)/documents/lists/$(listId)).data.members[request.auth.uid] in ['viewer', 'editor'];
    }`),
    );
    const list = (uid: string) =>
      rules.evaluateFirestore(
        firestoreRequest({
          method: 'list',
          path: 'lists/l1/todos',
          auth: auth(uid),
          access,
          query: q([]),
        }),
      );
    expect(list('u1').allowed).toBe(true);
    expect(list('u2').message).toMatch(/^Property u2 is undefined on object\. for 'list'/);
  });

  it('a rule that reads the unknown document id cannot be proven', () => {
    expect(
      judge("get(/databases/$(database)/documents/things/$(id)).data.ownerId == 'u1'", q([]))
        .allowed,
    ).toBe(false);
  });

  it('works for a collection group', () => {
    const rules = compileOrThrow(
      firestoreRules(`    match /{path=**}/todos/{todoId} {
      allow list: if ${'request.auth.uid in resource.data.memberIds'};
    }`),
    );
    const req = (filters: QueryFilter[][]) =>
      firestoreRequest({
        method: 'list',
        path: 'todos',
        collectionGroup: true,
        auth: auth('u1'),
        query: q(filters),
      });
    expect(rules.evaluateFirestore(req([[f('memberIds', 'ARRAY_CONTAINS', 'u1')]])).allowed).toBe(
      true,
    );
    expect(rules.evaluateFirestore(req([])).allowed).toBe(false);
  });

  it('debug() of a query document reports it without changing the decision', () => {
    const printed: string[] = [];
    const rules = compileOrThrow(
      firestoreRules('    match /things/{id} { allow list: if debug(resource) != null; }'),
    );
    const d = rules.evaluateFirestore(
      firestoreRequest({
        method: 'list',
        path: 'things',
        query: q([]),
        debug: (m) => printed.push(m),
      }),
    );
    expect(d.allowed).toBe(true);
    expect(printed).toEqual(['<a document the query could return>']);
  });

  it('refuses to judge an absurdly large disjunction', () => {
    const values = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const d = judge('true', q([[f('a', 'IN', values), f('b', 'IN', values)]]));
    expect(d).toEqual({
      allowed: false,
      message: 'Query has too many disjunctions to evaluate rules against.',
      outcomes: [],
      calls: [],
    });
  });
});
