// Bad input to the REST API: malformed JSON, wrong types, huge bodies, unicode edge cases, odd
// addresses and bad tokens. Each gets its status and the one error shape, and nothing is written.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FieldValue } from 'firebase-admin/firestore';
import { adminDb } from '../support/admin.js';
import { projectId } from '../support/env.js';
import {
  addMember,
  callApi,
  seedSharedList,
  storedTodos,
  type SharedList,
} from '../support/apiClient.js';
import { createUser, type TestUser } from '../support/authUsers.js';
import { newListDoc } from '../../functions/src/model/index.js';

let shared: SharedList;
let todoId: string;
let before: Awaited<ReturnType<typeof storedTodos>>;

const todosPath = () => `/lists/${shared.listId}/todos`;
const todoPath = () => `${todosPath()}/${todoId}`;
const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

beforeAll(async () => {
  shared = await seedSharedList('Bad input');
  const now = FieldValue.serverTimestamp();
  const ref = await adminDb.collection(`lists/${shared.listId}/todos`).add({
    title: 'Original',
    notes: 'keep me',
    done: false,
    completedAt: null,
    dueAt: null,
    priority: 1,
    tags: ['x'],
    order: 1024,
    createdBy: shared.owner.uid,
    createdAt: now,
    updatedAt: now,
    attachmentCount: 0,
  });
  todoId = ref.id;
});

beforeEach(async () => {
  before = await storedTodos(shared.listId);
});

async function expectNothingWritten() {
  expect(await storedTodos(shared.listId)).toEqual(before);
}

describe('bodies that are not a valid to-do', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a number title', { title: 42 }, /^title: /],
    ['a blank title', { title: '   ' }, /^title: /],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, /^title: /],
    ['notes over 5000 characters', { title: 'x', notes: 'n'.repeat(5001) }, /^notes: /],
    ['a text priority', { title: 'x', priority: 'high' }, /^priority: /],
    ['a fractional priority', { title: 'x', priority: 1.5 }, /^priority: /],
    ['a priority of 4', { title: 'x', priority: 4 }, /^priority: /],
    ['tags as text', { title: 'x', tags: 'a,b' }, /^tags: /],
    ['eleven tags', { title: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /^tags: /],
    ['a tag over 30 characters', { title: 'x', tags: ['t'.repeat(31)] }, /^tags\.0: /],
    ['done as text', { title: 'x', done: 'yes' }, /^done: /],
    ['a vague due date', { title: 'x', due: 'tomorrow' }, /^due: /],
    ['a due date as an instant', { title: 'x', due: '2030-01-31T09:00:00Z' }, /^due: /],
    [
      'a day that is not on the calendar',
      { title: 'x', due: { date: '2026-02-30' } },
      /^due\.date: /,
    ],
    [
      'a due time without its zone',
      { title: 'x', due: { date: '2030-01-31', time: '09:00' } },
      /^due\.timeZone: /,
    ],
    [
      'a due time in no zone',
      { title: 'x', due: { date: '2030-01-31', time: '09:00', timeZone: 'Mars/Olympus' } },
      /^due\.timeZone: /,
    ],
    ['the old dueAt field', { title: 'x', dueAt: '2030-01-31T09:00:00Z' }, /^dueAt: /],
    [
      'a due string with no date in it',
      { title: 'x', dueString: 'whenever suits' },
      /^dueString: /,
    ],
    [
      'a due string beside a due date',
      { title: 'x', dueString: 'tomorrow', due: { date: '2030-01-01' } },
      /^dueString: /,
    ],
    [
      'a due string in no zone',
      { title: 'x', dueString: 'tomorrow', timeZone: 'Mars' },
      /^timeZone: /,
    ],
    ['a time zone without a due string', { title: 'x', timeZone: 'Europe/Berlin' }, /^timeZone: /],
    ['a repeat without a due date', { title: 'x', repeat: 'FREQ=DAILY' }, /^repeat: /],
    ['an order that is text', { title: 'x', order: '1' }, /^order: /],
    ['createdBy', { title: 'x', createdBy: 'someone' }, /^createdBy: /],
    ['attachmentCount', { title: 'x', attachmentCount: 3 }, /^attachmentCount: /],
    ['createdAt', { title: 'x', createdAt: '2020-01-01T00:00:00Z' }, /^createdAt: /],
    ['an id', { title: 'x', id: 'chosen' }, /^id: /],
    ['a __proto__ key', '{"title":"x","__proto__":{"admin":true}}', /__proto__/],
    ['an array', [{ title: 'x' }], /object/],
  ];

  it.each(cases)('POST with %s is a 400 naming the field', async (_what, body, message) => {
    const result = await callApi('POST', todosPath(), { token: shared.owner.idToken, body });
    expect(result.status, result.text).toBe(400);
    expect(result.body).toEqual(errorShape);
    expect(result.body.error.code).toBe('invalid-argument');
    expect(result.body.error.message).toMatch(message);
    await expectNothingWritten();
  });

  it.each(cases)('PATCH with %s is a 400', async (_what, body) => {
    const result = await callApi('PATCH', todoPath(), { token: shared.editor.idToken, body });
    expect(result.status, result.text).toBe(400);
    expect(result.body).toEqual(errorShape);
    await expectNothingWritten();
  });
});

describe('sharing bodies and addresses that are not valid', () => {
  // A list of its own, whose owner has a rate-limit budget of their own for these requests.
  let sharer: TestUser;
  let sharedListId: string;
  beforeAll(async () => {
    sharer = await createUser('api-sharer');
    const ref = adminDb.collection('lists').doc();
    await ref.set({
      ...newListDoc(sharer.uid, { title: 'Sharing', order: 1 }, FieldValue.serverTimestamp()),
      members: { [sharer.uid]: 'owner', [shared.viewer.uid]: 'viewer' },
      memberIds: [sharer.uid, shared.viewer.uid],
    });
    sharedListId = ref.id;
  });

  const membersPath = () => `/lists/${sharedListId}/members`;
  /** The list's sharing as stored, to check that a refused request left it alone. */
  const sharing = async () => {
    const list = await adminDb.doc(`lists/${sharedListId}`).get();
    return { members: list.get('members'), memberIds: list.get('memberIds') };
  };

  it.each([
    ['no role', { username: 'someone_real' }, /^role: /],
    ['the owner role', { username: 'someone_real', role: 'owner' }, /^role: /],
    ['a role in capitals', { username: 'someone_real', role: 'EDITOR' }, /^role: /],
    ['a role that is a number', { username: 'someone_real', role: 1 }, /^role: /],
    ['no username', { role: 'viewer' }, /^username: /],
    ['a username with spaces', { username: 'some one', role: 'viewer' }, /^username: /],
    ['a one-letter username', { username: 'a', role: 'viewer' }, /^username: /],
    ['a reserved username', { username: 'admin', role: 'viewer' }, /^username: /],
    ['a username that is an object', { username: { $ne: '' }, role: 'viewer' }, /^username: /],
    ['a uid instead of a username', { uid: 'u1', role: 'viewer' }, /^(username|uid): /],
    [
      'a listId in the body',
      { username: 'someone_real', role: 'viewer', listId: 'x' },
      /^listId: /,
    ],
    ['an array', [{ username: 'someone_real', role: 'viewer' }], /object/],
  ])('inviting with %s is a 400 naming the field, nothing shared', async (_what, body, message) => {
    const before = await sharing();
    const result = await callApi('POST', membersPath(), { token: sharer.idToken, body });
    expect(result.status, result.text).toBe(400);
    expect(result.body).toEqual(errorShape);
    expect(result.body.error.code).toBe('invalid-argument');
    expect(result.body.error.message).toMatch(message);
    expect(await sharing()).toEqual(before);
    await expectNothingWritten();
  });

  it.each([
    ['no role', {}, /^role: /],
    ['the owner role', { role: 'owner' }, /^role: /],
    ['a null role', { role: null }, /^role: /],
    ['another field', { role: 'viewer', username: 'x' }, /^username: /],
  ])(
    'changing a role with %s is a 400 naming the field, nothing changed',
    async (_what, body, message) => {
      const before = await sharing();
      const result = await callApi('PATCH', `${membersPath()}/${shared.viewer.uid}`, {
        token: sharer.idToken,
        body,
      });
      expect(result.status, result.text).toBe(400);
      expect(result.body.error.message).toMatch(message);
      expect(await sharing()).toEqual(before);
    },
  );

  it.each([
    ['PATCH', { role: 'editor' }],
    ['DELETE', undefined],
  ])('%s of a member at a reserved uid is a 400 naming uid', async (method, body) => {
    const before = await sharing();
    const result = await callApi(method, `${membersPath()}/__x__`, {
      token: sharer.idToken,
      body,
    });
    expect(result.status, result.text).toBe(400);
    expect(result.body.error.message).toMatch(/^uid: /);
    expect(await sharing()).toEqual(before);
  });
});

describe('bodies that are not JSON, or too big', () => {
  let jsonWriter: TestUser;
  beforeAll(async () => {
    jsonWriter = await addMember(shared.listId, 'editor', 'json');
  });

  // The platform parses bodies declared as JSON before the function runs (body-parser in the
  // Functions emulator and in Cloud Functions) and answers what it cannot parse, or a top-level
  // value that is not an object or array, with its own 400 page: the status is right, the shape
  // is not this API's, and the function never sees the request.
  it.each([
    ['a truncated object', '{"title": "x"'],
    ['single quotes', "{'title': 'x'}"],
    ['a trailing comma', '{"title": "x",}'],
    ['bare words', 'title=x'],
    ['a top-level null', 'null'],
    ['a top-level string', '"title"'],
  ])('malformed JSON (%s) is a 400', async (_what, text) => {
    const result = await callApi('POST', todosPath(), { token: jsonWriter.idToken, body: text });
    expect(result.status).toBe(400);
    await expectNothingWritten();
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
  ])('a body sent as %s is a 415', async (_what, type) => {
    const result = await callApi('POST', todosPath(), {
      token: jsonWriter.idToken,
      body: JSON.stringify({ title: 'x' }),
      headers: { 'Content-Type': type },
    });
    expect(result.status).toBe(415);
    expect(result.body).toMatchObject({ error: { code: 'unsupported-media-type' } });
    await expectNothingWritten();
  });

  it.each([
    ['just over 64 KiB', 64 * 1024 + 1],
    ['a megabyte', 1024 * 1024],
  ])('a body of %s is a 413', async (_what, size) => {
    const padding = 'x'.repeat(size - '{"title":"x","notes":""}'.length);
    const result = await callApi('POST', todosPath(), {
      token: jsonWriter.idToken,
      body: `{"title":"x","notes":"${padding}"}`,
    });
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ error: { code: 'payload-too-large' } });
    await expectNothingWritten();
  });
});

describe('unicode', () => {
  let unicodeWriter: TestUser;
  beforeAll(async () => {
    unicodeWriter = await addMember(shared.listId, 'editor', 'unicode');
  });

  it('refuses a lone surrogate, naming the field, and writes nothing', async () => {
    const result = await callApi('POST', todosPath(), {
      token: unicodeWriter.idToken,
      body: '{"title":"bad \\ud800 text"}',
    });
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/^title: .*Unicode/);
    const tag = await callApi('PATCH', todoPath(), {
      token: unicodeWriter.idToken,
      body: '{"tags":["\\udfff"]}',
    });
    expect(tag.status).toBe(400);
    expect(tag.body.error.message).toMatch(/^tags\.0: /);
    await expectNothingWritten();
  });

  it.each([
    ['emoji and a flag', '😀 Café 🇳🇿'],
    ['combining marks', 'e\u0301 a\u0308'],
    ['right-to-left text', 'שלום עולם'],
    ['an RTL override and zero-width characters', 'a\u202eb\u200bc\u2060'],
    ['a NUL character', 'nul \u0000 inside'],
    ['200 emoji, the most a title holds', '😀'.repeat(200)],
  ])('keeps %s exactly', async (_what, title) => {
    const result = await callApi('POST', todosPath(), {
      token: unicodeWriter.idToken,
      body: { title },
    });
    expect(result.status, result.text).toBe(201);
    expect(result.body.title).toBe(title);
    const stored = await adminDb.doc(`lists/${shared.listId}/todos/${result.body.id}`).get();
    expect(stored.get('title')).toBe(title);
    await stored.ref.delete();
  });

  it('counts a title in characters (code points), as the model does: 201 emoji are too long', async () => {
    const result = await callApi('POST', todosPath(), {
      token: unicodeWriter.idToken,
      body: { title: '😀'.repeat(201) },
    });
    expect(result.status).toBe(400);
    await expectNothingWritten();
  });
});

describe('addresses', () => {
  let addressWriter: TestUser;
  beforeAll(async () => {
    addressWriter = await addMember(shared.listId, 'editor', 'address');
  });

  it.each([
    ['a reserved id', '/lists/__list__/todos', /^listId: /],
    ['an id over 128 characters', `/lists/${'l'.repeat(129)}/todos`, /^listId: /],
    ['an encoded slash', '/lists/a%2Fb/todos', /^listId: /],
  ])('%s is a 400', async (_what, path, message) => {
    const result = await callApi('POST', path, {
      token: addressWriter.idToken,
      body: { title: 'x' },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(message);
    await expectNothingWritten();
  });

  // The Functions emulator's router decodes the path first and answers this itself (400, its
  // own page); deployed, the function gets the path and answers in its own shape (router.ts).
  it('a malformed %-escape is a 400', async () => {
    const result = await callApi('POST', '/lists/%E0%A4%A/todos', {
      token: addressWriter.idToken,
      body: { title: 'x' },
    });
    expect(result.status).toBe(400);
    await expectNothingWritten();
  });
});

/** An unsigned token as the Auth emulator issues them, with chosen claims. */
function emulatorToken(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = {
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    // After the account's creation, or the emulator takes the token for a revoked one.
    auth_time: now,
    user_id: shared.owner.uid,
    sub: shared.owner.uid,
    iat: now - 7200,
    exp: now + 3600,
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...claims,
  };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

describe('tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Record<string, string>, RegExp]> = [
    ['no Authorization header', () => ({}), /Sign in/],
    ['an empty bearer', () => ({ Authorization: 'Bearer' }), /Bearer/],
    ['the Basic scheme', () => ({ Authorization: 'Basic b3duZXI6cGFzcw==' }), /Bearer/],
    ['garbage', () => ({ Authorization: 'Bearer not.a.token' }), /not valid/],
    [
      'a token with spaces',
      () => ({ Authorization: `Bearer ${shared.owner.idToken} extra` }),
      /Bearer/,
    ],
    [
      'an expired token',
      () => ({
        Authorization: `Bearer ${emulatorToken({ iat: now() - 7200, exp: now() - 3600 })}`,
      }),
      /expired/,
    ],
    [
      'a token for another project',
      () => ({
        Authorization: `Bearer ${emulatorToken({ aud: 'demo-other', iss: 'https://securetoken.google.com/demo-other' })}`,
      }),
      /not valid/,
    ],
    [
      'a token of nobody',
      () => ({
        Authorization: `Bearer ${emulatorToken({ sub: 'ghost-uid', user_id: 'ghost-uid' })}`,
      }),
      /.+/,
    ],
    [
      'a token with a bad signature',
      () => ({
        Authorization: `Bearer ${shared.owner.idToken.replace(/\.[^.]*$/, '.c2lnbmF0dXJl')}`,
      }),
      /.+/,
    ],
  ];

  it.each(cases)('%s is a 401 and writes nothing', async (_what, headers, message) => {
    const result = await callApi('POST', todosPath(), { headers: headers(), body: { title: 'x' } });
    expect(result.status, result.text).toBe(401);
    expect(result.body).toEqual(errorShape);
    expect(result.body.error).toMatchObject({ code: 'unauthenticated', message });
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
    await expectNothingWritten();
  });

  it('an unexpired unsigned token of a real user is what the Auth emulator itself issues: accepted', async () => {
    const result = await callApi('GET', todoPath(), {
      headers: { Authorization: `Bearer ${emulatorToken({})}` },
    });
    expect(result.status).toBe(200);
  });
});

describe('flooding', () => {
  it(
    'one caller who floods gets 429 with Retry-After, and the next caller does not',
    { timeout: 180_000 },
    async () => {
      const flood = `/lists/${shared.listId}/todos?limit=0`;
      let limited: Awaited<ReturnType<typeof callApi>> | undefined;
      // Sequential calls land on one function instance (the emulator reuses its first idle worker),
      // whose bucket for this caller holds 30 and refills 1 a second. Requests refused for bad
      // input are cheap, so they outpace the refill even on a busy machine, and they count too.
      for (let i = 0; i < 300 && !limited; i++) {
        const result = await callApi('GET', flood, { token: shared.stranger.idToken });
        if (result.status === 429) limited = result;
        else expect(result.status).toBe(400);
      }
      expect(limited?.body).toEqual({
        error: { code: 'resource-exhausted', message: expect.any(String) },
      });
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const others = await callApi('GET', `/lists/${shared.listId}/todos`, {
        token: shared.viewer.idToken,
      });
      expect(others.status).toBe(200);
      await expectNothingWritten();
    },
  );
});
