// @vitest-environment node
import { deleteApp, initializeApp } from 'firebase/app';
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALLABLES } from '@model';
import { createAccountGateway } from './accountGateway';

// The real Functions SDK makes each call; what it puts on the wire is read where it leaves the
// process (fetch), and answered there as the callable protocol does.
const app = initializeApp({ projectId: 'demo-account-gateway', apiKey: 'test' }, 'account-gateway');
const functions = getFunctions(app, 'europe-west1');
connectFunctionsEmulator(functions, '127.0.0.1', 5999);
const account = createAccountGateway(async () => ({ functions, httpsCallable, CALLABLES }));

interface Sent {
  url: string;
  body: unknown;
}
let sent: Sent[];
let answer: { status: number; body: unknown };

beforeEach(() => {
  sent = [];
  answer = { status: 200, body: { result: null } };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)) });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => deleteApp(app));

const base = 'http://127.0.0.1:5999/demo-account-gateway/europe-west1';

describe('accountGateway through the Functions SDK', () => {
  it.each([
    ['claimUsername', () => account.claimUsername('alice'), { username: 'alice' }],
    [
      'inviteMember',
      () => account.inviteMember('l1', 'bob', 'editor'),
      { listId: 'l1', username: 'bob', role: 'editor' },
    ],
    [
      'setMemberRole',
      () => account.setMemberRole('l1', 'u2', 'viewer'),
      { listId: 'l1', uid: 'u2', role: 'viewer' },
    ],
    ['removeMember', () => account.removeMember('l1', 'u2'), { listId: 'l1', uid: 'u2' }],
    ['leaveList', () => account.leaveList('l1'), { listId: 'l1' }],
    ['deleteAccount', () => account.deleteAccount(), {}],
  ])('calls %s with its input', async (name, call, input) => {
    await call();
    expect(sent).toEqual([{ url: `${base}/${name}`, body: { data: input } }]);
  });

  it('returns what exportMyData answers', async () => {
    const exported = {
      exportedAt: '2030-01-02T03:04:05.000Z',
      uid: 'u1',
      profile: null,
      lists: [],
    };
    answer.body = { result: exported };
    expect(await account.exportMyData()).toEqual(exported);
    expect(sent).toEqual([{ url: `${base}/exportMyData`, body: { data: {} } }]);
  });

  it('returns the members listMembers answers', async () => {
    const members = [{ uid: 'u1', role: 'owner', username: 'alice', displayName: 'Alice' }];
    answer.body = { result: { members } };
    expect(await account.listMembers('l1')).toEqual(members);
    expect(sent).toEqual([{ url: `${base}/listMembers`, body: { data: { listId: 'l1' } } }]);
  });

  it('passes on the function’s error with its code and the message it wrote', async () => {
    answer = {
      status: 404,
      body: { error: { status: 'NOT_FOUND', message: 'No one uses that username.' } },
    };
    const refusal = await account.inviteMember('l1', 'nobody', 'viewer').catch((error) => error);
    expect([refusal.code, refusal.message]).toEqual([
      'functions/not-found',
      'No one uses that username.',
    ]);
  });
});
