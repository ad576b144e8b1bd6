/**
 * A list request is judged as production judges it: it carries its delimiter to the rules, and
 * the rules matching the listed folder's contents decide (firebase-tools #3533, PR #4827). With a
 * delimiter those are the folder's direct children; without one, every depth below it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answer, useHostileStorage, userToken, type Json } from './storageSetup.js';

const st = useHostileStorage();

describe('listing is judged by the rules of what it lists', () => {
  const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /users/{uid}/{file} {
      allow read: if request.auth != null && request.auth.uid == uid;
    }
    match /pub/{rest=**} {
      allow list;
    }
    match /{file} {
      allow list: if request.auth != null;
    }
    match /folder {
      allow list;
    }
  }
}`;

  beforeAll(async () => {
    const loaded = await fetch(`${st.base}/internal/setRules`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rules: { files: [{ name: 'storage.rules', content: RULES }] } }),
    });
    expect(loaded.status).toBe(200);
    for (const name of [
      'users/alice/a.png',
      'users/alice/deep/b.png',
      'pub/x/y.txt',
      'folder/z.txt',
    ])
      await st.put(name, 'x');
  });

  const list = (
    prefix: string,
    who: string | null,
    delimiter = '/',
  ): Promise<{ status: number; json: Json }> => {
    const query = new URLSearchParams({ prefix, ...(delimiter ? { delimiter } : {}) });
    return answer(
      fetch(`${st.v0()}?${query}`, { headers: who ? { Authorization: userToken(who) } : {} }),
    );
  };

  it('a folder is listed by whom the rules let read its files (firebase-tools #3533)', async () => {
    const own = await list('users/alice/', 'alice');
    expect(own.status).toBe(200);
    expect(own.json).toEqual({
      prefixes: ['users/alice/deep/'],
      items: [{ name: 'users/alice/a.png', bucket: st.bucket }],
    });
    expect((await list('users/alice/', 'bob')).status).toBe(403);
    expect((await list('users/alice/', null)).status).toBe(403);
  });

  it('the root is listed under the rules of its top-level files', async () => {
    expect((await list('', 'alice')).status).toBe(200);
    expect((await list('', null)).status).toBe(403);
  });

  it('a recursive wildcard lets every folder below it be listed', async () => {
    for (const prefix of ['pub/', 'pub/x/', 'pub/x/y/'])
      expect({ prefix, status: (await list(prefix, null)).status }).toEqual({
        prefix,
        status: 200,
      });
  });

  it('a rule on the folder’s own name does not let its files be listed', async () => {
    expect((await list('folder/', 'alice')).status).toBe(403);
  });

  it('without a delimiter the listing reaches every depth, so only a recursive wildcard allows it', async () => {
    expect((await list('pub/', null, '')).status).toBe(200);
    expect((await list('users/alice/', 'alice', '')).status).toBe(403);
  });
});
