// Production Firestore refuses a query that its automatic single-field indexes cannot serve until
// a composite index exists. Google's emulator serves every query without one; ours refuses such a
// query too when index enforcement is on, as it is in Hearth's stack (firebase.json), so a suite
// that runs a query notices a missing entry. This test notices it without running anything, and
// for queries no suite runs: QUERIES below lists every query the product makes, the rules of
// Firestore's index overview decide which of them need a composite index, and
// firestore.indexes.json must declare exactly those. A new query belongs in QUERIES. (The same
// rules live in the emulator, emulator/src/firestore/indexes/requiredIndex.ts; the functions may
// not import the emulator, so they are written out here for this file's QueryShape.)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COLLECTIONS } from './model/index.js';
import { APPLIED_EVENTS } from './shared/appliedEvents.js';

type Direction = 'ASCENDING' | 'DESCENDING';

/** One query as Firestore sees it; cursors and limits need no index and are left out. */
interface QueryShape {
  /** The file that builds the query, from the repository root. */
  source: string;
  purpose: string;
  collection: string;
  /** A collection-group query (all `collection`s of every parent); one collection otherwise. */
  group?: true;
  equals?: string[];
  arrayContains?: string;
  /** Explicit orderBy clauses; `__name__` is FieldPath.documentId(). */
  orderBy?: [field: string, direction: Direction][];
}

const { lists, todos, attachments, usernames, notifications } = COLLECTIONS;
const ASC = 'ASCENDING';
const DESC = 'DESCENDING';

// Collection-group queries (`group`) get COLLECTION_GROUP-scoped indexes, single-field ones too;
// a scan of one in name order, such as the migration's, needs none.
const QUERIES: QueryShape[] = [
  {
    source: 'web/src/services/firebase/listsGateway.ts',
    purpose: 'watchMyLists: the lists the signed-in person belongs to',
    collection: lists,
    arrayContains: 'memberIds',
  },
  {
    source: 'web/src/services/firebase/todosGateway.ts',
    purpose: "watchTodos: all of a list's to-dos (filtered and sorted in the browser)",
    collection: todos,
  },
  {
    source: 'web/src/services/firebase/todosGateway.ts',
    purpose:
      "watchDueTodos: open to-dos of the person's lists due by a day (Today, Upcoming, Overdue)",
    collection: todos,
    group: true,
    equals: ['done'],
    arrayContains: 'memberIds',
    orderBy: [['due.date', ASC]],
  },
  {
    source: 'web/src/services/firebase/todosGateway.ts',
    purpose: "watchMyTodos: every to-do of the person's lists (search across lists)",
    collection: todos,
    group: true,
    arrayContains: 'memberIds',
  },
  {
    source: 'web/src/services/firebase/notificationsGateway.ts',
    purpose: "watchNotifications: the bell, the person's newest notifications first",
    collection: notifications,
    orderBy: [['createdAt', DESC]],
  },
  {
    source: 'web/src/services/firebase/attachmentsGateway.ts',
    purpose: "watchAttachments: all of a to-do's attachments",
    collection: attachments,
  },
  {
    source: 'functions/src/api/firestoreStore.ts',
    purpose: "listsOf (GET /lists): the caller's lists",
    collection: lists,
    arrayContains: 'memberIds',
  },
  {
    source: 'functions/src/api/firestoreStore.ts',
    purpose: 'todos (GET /lists/{id}/todos): a page in order, after a cursor',
    collection: todos,
    orderBy: [
      ['order', ASC],
      ['__name__', ASC],
    ],
  },
  {
    source: 'functions/src/api/firestoreStore.ts',
    purpose: 'todos (GET /lists/{id}/todos?status=open|done): a page of open or done to-dos',
    collection: todos,
    equals: ['done'],
    orderBy: [
      ['order', ASC],
      ['__name__', ASC],
    ],
  },
  {
    source: 'functions/src/api/firestoreStore.ts',
    purpose: "dueTodos (GET /todos?view=): open to-dos of the caller's lists, by due date",
    collection: todos,
    group: true,
    equals: ['done'],
    arrayContains: 'memberIds',
    orderBy: [['due.date', ASC]],
  },
  {
    source: 'functions/src/api/firestoreStore.ts',
    purpose: 'createTodo (POST without order): the last to-do, to place the new one after it',
    collection: todos,
    orderBy: [['order', DESC]],
  },
  {
    source: 'functions/src/users/purgeUser.ts',
    purpose: 'the lists a deleted account owns',
    collection: lists,
    equals: ['ownerId'],
  },
  {
    source: 'functions/src/users/purgeUser.ts',
    purpose: 'the lists a deleted account is a member of',
    collection: lists,
    arrayContains: 'memberIds',
  },
  {
    source: 'functions/src/users/purgeUser.ts',
    purpose: 'the username a deleted account holds (paged by deleteQuery)',
    collection: usernames,
    equals: ['uid'],
  },
  {
    source: 'functions/src/users/exportMyData.ts',
    purpose: 'the lists the caller belongs to',
    collection: lists,
    arrayContains: 'memberIds',
  },
  {
    source: 'functions/src/users/exportMyData.ts',
    purpose: "all of a list's to-dos",
    collection: todos,
  },
  {
    source: 'functions/src/users/exportMyData.ts',
    purpose: "all of a to-do's attachments",
    collection: attachments,
  },
  {
    source: 'functions/src/lists/deleteListContents.ts',
    purpose: "a deleted list's to-dos and their attachments (paged by deleteQuery)",
    collection: todos,
  },
  {
    source: 'functions/src/lists/todoMembers.ts',
    purpose: "spreadMemberIds: a list's to-dos, a page at a time in name order",
    collection: todos,
    orderBy: [['__name__', ASC]],
  },
  {
    source: 'functions/src/migrations/todoSchedule.ts',
    purpose: 'migrateTodoSchedules: every to-do of every list, a page at a time in name order',
    collection: todos,
    group: true,
    orderBy: [['__name__', ASC]],
  },
  {
    source: 'functions/src/attachments/onTodoDeleted.ts',
    purpose: "a deleted to-do's attachments (paged by deleteQuery)",
    collection: attachments,
  },
];

// ---------------------------------------------------------------------------------------------
// firestore.indexes.json, in the subset of the format `firebase deploy` reads that Hearth uses

const order = z.enum([ASC, DESC]);
const indexField = z.union([
  z.strictObject({ fieldPath: z.string().min(1), order }),
  z.strictObject({ fieldPath: z.string().min(1), arrayConfig: z.literal('CONTAINS') }),
]);
const queryScope = z.enum(['COLLECTION', 'COLLECTION_GROUP']);
const compositeIndex = z.strictObject({
  collectionGroup: z.string().min(1),
  queryScope,
  fields: z.array(indexField).min(2),
});
const fieldOverride = z.strictObject({
  collectionGroup: z.string().min(1),
  fieldPath: z.string().min(1),
  ttl: z.boolean().optional(),
  indexes: z.array(
    z.union([
      z.strictObject({ order, queryScope }),
      z.strictObject({ arrayConfig: z.literal('CONTAINS'), queryScope }),
    ]),
  ),
});
const indexesFile = z.strictObject({
  indexes: z.array(compositeIndex),
  fieldOverrides: z.array(fieldOverride),
});

type CompositeIndex = z.infer<typeof compositeIndex>;
type FieldOverride = z.infer<typeof fieldOverride>;
type IndexField = z.infer<typeof indexField>;

const repoFile = (path: string) => new URL(`../../${path}`, import.meta.url);
const rawFile: unknown = JSON.parse(readFileSync(repoFile('firestore.indexes.json'), 'utf8'));
const file = indexesFile.parse(rawFile);

// ---------------------------------------------------------------------------------------------
// Firestore's index rules (Standard edition, "Index overview")

/**
 * Every query is implicitly ordered by `__name__` in the direction of its last orderBy, and every
 * index ends with `__name__` in the direction of its last field; so an explicit trailing
 * `__name__` in that direction adds nothing.
 */
function withoutImplicitName<T extends { fieldPath: string; order?: Direction }>(fields: T[]): T[] {
  const last = fields.at(-1);
  const before = fields.at(-2);
  const implied = before?.order ?? ASC;
  return last?.fieldPath === '__name__' && last.order === implied ? fields.slice(0, -1) : fields;
}

/**
 * The composite index a query needs, or null when single-field indexes serve it: those exist
 * for every field in both directions (array-contains for arrays) and serve one filter or
 * orderBy on one field, and any number of equality filters alone (index merging). Anything
 * else, such as an equality or array-contains filter with an orderBy on another field, needs a
 * composite index: equality fields first, then the array-contains field, then the orderBy.
 */
function requiredIndex(query: QueryShape): CompositeIndex | null {
  const orderBy = withoutImplicitName(
    (query.orderBy ?? []).map(([fieldPath, direction]) => ({ fieldPath, order: direction })),
  );
  const equals = [...(query.equals ?? [])].sort();
  const fields: IndexField[] = [
    ...equals.map((fieldPath) => ({ fieldPath, order: ASC }) as const),
    ...(query.arrayContains
      ? [{ fieldPath: query.arrayContains, arrayConfig: 'CONTAINS' as const }]
      : []),
    ...orderBy,
  ];
  const mergedEqualities = orderBy.length === 0 && query.arrayContains === undefined;
  if (fields.length <= 1 || mergedEqualities) return null;
  const queryScope = query.group ? 'COLLECTION_GROUP' : 'COLLECTION';
  return { collectionGroup: query.collection, queryScope, fields };
}

/** Whether `index` serves what `required` asks for; equality fields may come in any order. */
function covers(index: CompositeIndex, required: CompositeIndex, equalityCount: number): boolean {
  const fields = withoutImplicitName(index.fields);
  const prefix = fields.slice(0, equalityCount);
  const paths = (list: IndexField[]) => list.map((field) => field.fieldPath).sort();
  return (
    index.collectionGroup === required.collectionGroup &&
    index.queryScope === required.queryScope &&
    fields.length === required.fields.length &&
    prefix.every((field) => 'order' in field) &&
    isDeepStrictEqual(paths(prefix), paths(required.fields.slice(0, equalityCount))) &&
    isDeepStrictEqual(fields.slice(equalityCount), required.fields.slice(equalityCount))
  );
}

/** A single-field index: one field, in one direction or for array-contains, in one scope. */
interface SingleFieldIndex {
  collectionGroup: string;
  fieldPath: string;
  index: { order: Direction } | { arrayConfig: 'CONTAINS' };
}

/**
 * The single-field indexes a collection-group query needs in the COLLECTION_GROUP scope, when
 * no composite index is what it needs. Firestore keeps single-field indexes of every field by
 * itself in the COLLECTION scope only; a field override must ask for the COLLECTION_GROUP ones.
 * An equality filter is served by either direction; ordering by name needs no index.
 */
function requiredGroupFields(query: QueryShape): SingleFieldIndex[] {
  if (!query.group || requiredIndex(query) !== null) return [];
  const collectionGroup = query.collection;
  const orderBy = withoutImplicitName(
    (query.orderBy ?? []).map(([fieldPath, direction]) => ({ fieldPath, order: direction })),
  );
  const fields: Omit<SingleFieldIndex, 'collectionGroup'>[] = [
    ...(query.equals ?? []).map((fieldPath) => ({ fieldPath, index: { order: ASC } as const })),
    ...(query.arrayContains
      ? [{ fieldPath: query.arrayContains, index: { arrayConfig: 'CONTAINS' as const } }]
      : []),
    ...orderBy
      .filter(({ fieldPath }) => fieldPath !== '__name__')
      .map(({ fieldPath, order: direction }) => ({ fieldPath, index: { order: direction } })),
  ];
  return fields.map((field) => ({ collectionGroup, ...field }));
}

/** Whether a field override has the COLLECTION_GROUP index `needed` asks for. */
function hasGroupIndex(override: FieldOverride, needed: SingleFieldIndex, equality: boolean) {
  return (
    override.collectionGroup === needed.collectionGroup &&
    override.fieldPath === needed.fieldPath &&
    override.indexes.some(
      (index) =>
        index.queryScope === 'COLLECTION_GROUP' &&
        ('arrayConfig' in needed.index
          ? 'arrayConfig' in index
          : 'order' in index && (equality || index.order === needed.index.order)),
    )
  );
}

/** The fields a query filters or orders on. */
const fieldsOf = (query: QueryShape) => [
  ...(query.equals ?? []),
  ...(query.arrayContains ? [query.arrayContains] : []),
  ...(query.orderBy ?? []).map(([field]) => field),
];

const needed = QUERIES.flatMap((query) => {
  const index = requiredIndex(query);
  return index ? [{ query, index }] : [];
});
const neededGroupFields = QUERIES.flatMap((query) =>
  requiredGroupFields(query).map((field) => ({
    query,
    field,
    equality: query.equals?.includes(field.fieldPath) ?? false,
  })),
);
const servesAQuery = (index: CompositeIndex) =>
  needed.some((need) => covers(index, need.index, need.query.equals?.length ?? 0));

describe('the rules that decide when a query needs a composite index', () => {
  const query = (rest: Partial<QueryShape>): QueryShape => ({
    source: '',
    purpose: '',
    collection: 'c',
    ...rest,
  });
  const byName = (direction: Direction): [string, Direction] => ['__name__', direction];
  it.each<[string, QueryShape, boolean]>([
    ['one equality filter', query({ equals: ['a'] }), false],
    ['equality filters alone (merged)', query({ equals: ['a', 'b'] }), false],
    ['one array-contains filter', query({ arrayContains: 't' }), false],
    [
      'one array-contains filter of a collection group',
      query({ arrayContains: 't', group: true }),
      false,
    ],
    ['one descending orderBy', query({ orderBy: [['a', DESC]] }), false],
    [
      'an orderBy, then the implicit name order',
      query({ orderBy: [['a', DESC], byName(DESC)] }),
      false,
    ],
    ['an orderBy, then name the other way', query({ orderBy: [['a', ASC], byName(DESC)] }), true],
    [
      'equality with orderBy on another field',
      query({ equals: ['a'], orderBy: [['b', ASC]] }),
      true,
    ],
    ['array-contains with an equality filter', query({ arrayContains: 't', equals: ['a'] }), true],
    [
      'orderBy on two fields',
      query({
        orderBy: [
          ['a', ASC],
          ['b', DESC],
        ],
      }),
      true,
    ],
  ])('%s', (_, shape, composite) => {
    expect(requiredIndex(shape) !== null).toBe(composite);
  });
});

describe('the COLLECTION_GROUP single-field indexes a query needs', () => {
  const query = (rest: Partial<QueryShape>): QueryShape => ({
    source: '',
    purpose: '',
    collection: 'c',
    group: true,
    ...rest,
  });
  const names = (shape: QueryShape) =>
    requiredGroupFields(shape).map(({ fieldPath, index }) => [fieldPath, index]);
  it.each<[string, QueryShape, unknown[]]>([
    ['none for a query of one collection', query({ group: undefined, equals: ['a'] }), []],
    ['none for a scan in name order', query({ orderBy: [['__name__', ASC]] }), []],
    ['array-contains', query({ arrayContains: 't' }), [['t', { arrayConfig: 'CONTAINS' }]]],
    ['one orderBy', query({ orderBy: [['a', DESC]] }), [['a', { order: DESC }]]],
    [
      'merged equalities',
      query({ equals: ['a', 'b'] }),
      [
        ['a', { order: ASC }],
        ['b', { order: ASC }],
      ],
    ],
    ['none when a composite index serves it', query({ arrayContains: 't', equals: ['a'] }), []],
  ])('%s', (_, shape, fields) => {
    expect(names(shape)).toEqual(fields);
  });
});

describe('firestore.indexes.json', () => {
  it('declares a composite index for every query that needs one', () => {
    const missing = needed.filter(
      (need) =>
        !file.indexes.some((index) => covers(index, need.index, need.query.equals?.length ?? 0)),
    );
    expect(
      missing.map(({ query, index }) => ({ at: query.source, query: query.purpose, index })),
    ).toEqual([]);
  });

  it('enables the COLLECTION_GROUP single-field index each collection-group query needs', () => {
    const missing = neededGroupFields.filter(
      ({ field, equality }) =>
        !file.fieldOverrides.some((override) => hasGroupIndex(override, field, equality)),
    );
    expect(
      missing.map(({ query, field }) => ({ at: query.source, query: query.purpose, field })),
    ).toEqual([]);
    expect(neededGroupFields.map(({ query }) => query.purpose)).toEqual([
      expect.stringContaining('watchMyTodos'),
    ]);
  });

  it('enables no COLLECTION_GROUP single-field index that no query uses', () => {
    const unused = file.fieldOverrides.flatMap((override) =>
      override.indexes
        .filter((index) => index.queryScope === 'COLLECTION_GROUP')
        .filter(
          (index) =>
            !neededGroupFields.some(({ field, equality }) =>
              hasGroupIndex({ ...override, indexes: [index] }, field, equality),
            ),
        )
        .map((index) => ({ field: `${override.collectionGroup}.${override.fieldPath}`, index })),
    );
    expect(unused).toEqual([]);
  });

  // An override replaces the automatic indexes of its field: one that adds a COLLECTION_GROUP
  // index must name the COLLECTION ones again, or queries of one list would lose them.
  it('keeps the automatic COLLECTION-scope indexes of a field it indexes for collection groups', () => {
    const automatic = [
      { order: ASC, queryScope: 'COLLECTION' },
      { order: DESC, queryScope: 'COLLECTION' },
      { arrayConfig: 'CONTAINS', queryScope: 'COLLECTION' },
    ];
    for (const override of file.fieldOverrides.filter((each) => each.indexes.length > 0))
      expect(override.indexes).toEqual(expect.arrayContaining(automatic));
  });

  it('declares no composite index that no query uses (each one slows every write)', () => {
    expect(file.indexes.filter((index) => !servesAQuery(index))).toEqual([]);
  });

  it('needs the to-do status index, and one due-views index for the app and the REST API', () => {
    expect(needed.map(({ query }) => query.purpose)).toEqual([
      expect.stringContaining('watchDueTodos'),
      expect.stringContaining('?status=open|done'),
      expect.stringContaining('?view='),
    ]);
    expect(needed[0]?.index).toEqual(needed[2]?.index);
    expect(needed[0]?.index.queryScope).toBe('COLLECTION_GROUP');
  });

  // commitOnce (shared/commitOnce.ts) stamps each marker with `expireAt`. The field is exempt
  // from indexing: nothing queries it, and an index on an ever-growing timestamp is a hotspot.
  it('has the TTL policy that forgets applied-event markers, and only the one other override', () => {
    expect(file.fieldOverrides).toEqual([
      { collectionGroup: APPLIED_EVENTS, fieldPath: 'expireAt', ttl: true, indexes: [] },
      { collectionGroup: todos, fieldPath: 'memberIds', indexes: expect.any(Array) },
    ]);
  });

  it('exempts no field that a query filters or orders on', () => {
    const exempt = file.fieldOverrides.filter((field) => field.indexes.length === 0);
    const used = QUERIES.flatMap((query) =>
      fieldsOf(query).map((field) => `${query.collection}.${field}`),
    );
    expect(
      exempt
        .map((field) => `${field.collectionGroup}.${field.fieldPath}`)
        .filter((key) => used.includes(key)),
    ).toEqual([]);
  });

  // The validation `firebase deploy` runs before it calls the Firestore Admin API (lib/deploy/
  // firestore/deploy.js hands the file's arrays to FirestoreApi.deploy, which runs these two).
  it("passes firebase-tools' own validation, which rejects a malformed file", () => {
    interface IndexesApi {
      upgradeOldSpec(spec: unknown): unknown;
      validateSpec(spec: unknown): void;
    }
    const require = createRequire(import.meta.url);
    const { FirestoreApi } = require('firebase-tools/lib/firestore/api.js') as {
      FirestoreApi: new () => IndexesApi;
    };
    const api = new FirestoreApi();
    const validate = (spec: unknown) => () => api.validateSpec(api.upgradeOldSpec(spec));
    expect(validate(rawFile)).not.toThrow();
    const ttlAsText = { collectionGroup: 'c', fieldPath: 'f', ttl: 'true', indexes: [] };
    expect(validate({ indexes: [], fieldOverrides: [ttlAsText] })).toThrow(/ttl/);
  });
});

// A tripwire for review, not a parser: it notices a file that starts to filter or order a query,
// not a further query in a file QUERIES already names.
describe('QUERIES', () => {
  const QUERY_CALL = /\b(where|orderBy|collectionGroup)\(/;
  const sources = (root: string) =>
    readdirSync(repoFile(root), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(ts|vue)$/.test(path) && !/\.test\.ts$|^testing\//.test(path))
      .map((path) => `${root}/${path}`);
  const querying = [...sources('web/src'), ...sources('functions/src')].filter((path) =>
    QUERY_CALL.test(readFileSync(repoFile(path), 'utf8')),
  );
  const filtered = QUERIES.filter((query) => fieldsOf(query).length > 0);

  it('lists every file that filters or orders a query, and only those', () => {
    expect([...new Set(filtered.map((query) => query.source))].sort()).toEqual(querying.sort());
  });

  it('marks every file with a collection-group query as having one', () => {
    const groups = querying.filter((path) =>
      /\bcollectionGroup\(/.test(readFileSync(repoFile(path), 'utf8')),
    );
    const marked = QUERIES.filter((query) => query.group).map((query) => query.source);
    expect(groups.sort()).toEqual([...new Set(marked)].sort());
  });
});
