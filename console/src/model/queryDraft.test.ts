import { describe, expect, it } from 'vitest';
import { buildQuery, sdkSnippet, type QueryDraft } from './queryDraft';

const scope = { projectId: 'demo-x', database: '(default)' };
const base: QueryDraft = {
  collection: 'lists/l1/todos',
  group: false,
  filters: [],
  orderBy: [],
  limit: '',
};

describe('buildQuery', () => {
  it('builds the structured query a client sends, under the collection’s parent', () => {
    const draft: QueryDraft = {
      ...base,
      filters: [
        { field: 'done', op: '==', value: { type: 'boolean', value: false } },
        {
          field: 'priority',
          op: 'in',
          value: { type: 'array', items: [{ type: 'integer', text: '1' }] },
        },
      ],
      orderBy: [{ field: 'due.date', direction: 'desc' }],
      limit: '20',
    };
    const built = buildQuery(draft, scope);
    expect(built).toEqual({
      ok: true,
      value: {
        parent: ['lists', 'l1'],
        query: {
          from: [{ collectionId: 'todos' }],
          where: {
            compositeFilter: {
              op: 'AND',
              filters: [
                {
                  fieldFilter: {
                    field: { fieldPath: 'done' },
                    op: 'EQUAL',
                    value: { booleanValue: false },
                  },
                },
                {
                  fieldFilter: {
                    field: { fieldPath: 'priority' },
                    op: 'IN',
                    value: { arrayValue: { values: [{ integerValue: '1' }] } },
                  },
                },
              ],
            },
          },
          orderBy: [{ field: { fieldPath: 'due.date' }, direction: 'DESCENDING' }],
          limit: 20,
        },
      },
    });
    expect(built.ok && sdkSnippet(draft, built.value)).toBe(
      'query(\n  collection(db, "lists/l1/todos"),\n  where("done", \'==\', false),\n  where("priority", \'in\', [1]),\n  orderBy("due.date", \'desc\'),\n  limit(20),\n)',
    );
  });

  it('sends == null and != NaN as the unary filters the SDKs send', () => {
    const built = buildQuery(
      {
        ...base,
        filters: [
          { field: 'due', op: '==', value: { type: 'null' } },
          { field: 'score', op: '!=', value: { type: 'double', text: 'NaN' } },
        ],
      },
      scope,
    );
    expect(built.ok && built.value.query.where).toEqual({
      compositeFilter: {
        op: 'AND',
        filters: [
          { unaryFilter: { field: { fieldPath: 'due' }, op: 'IS_NULL' } },
          { unaryFilter: { field: { fieldPath: 'score' }, op: 'IS_NOT_NAN' } },
        ],
      },
    });
  });

  it('queries a collection group from the root', () => {
    const built = buildQuery({ ...base, collection: 'todos', group: true }, scope);
    expect(built.ok && built.value).toEqual({
      parent: [],
      query: { from: [{ collectionId: 'todos', allDescendants: true }] },
    });
  });

  it.each<[Partial<QueryDraft>, RegExp]>([
    [{ collection: 'lists/l1' }, /is a document/],
    [{ group: true, collection: 'a/b' }, /cannot contain "\/"/],
    [{ limit: '0' }, /at least 1/],
    [{ filters: [{ field: 'a b', op: '==', value: { type: 'null' } }] }, /backticks/],
    [
      { filters: [{ field: 'tags', op: 'in', value: { type: 'string', text: 'x' } }] },
      /non-empty array/,
    ],
    [
      {
        filters: [
          {
            field: 'n',
            op: 'not-in',
            value: {
              type: 'array',
              items: Array.from({ length: 11 }, (_, i) => ({ type: 'integer', text: String(i) })),
            },
          },
        ],
      },
      /at most 10 values/,
    ],
    [
      { filters: [{ field: '__name__', op: '==', value: { type: 'string', text: 'x' } }] },
      /choose the reference type/,
    ],
  ])('refuses %j before sending it', (change, message) => {
    const built = buildQuery({ ...base, ...change }, scope);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.problems.map((p) => p.message).join('\n')).toMatch(message);
  });
});
