import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList, bobsList } from '@/testing/alice';
import { useTestPinia } from '@/testing/testApp';
import { useSharingStore } from './sharing';

let services: FakeServices;

beforeEach(() => {
  services = aliceWith(alicesList('list-1'));
  services.account.usernames.set('bob', 'bob');
  useTestPinia(services);
});

describe('sharing store', () => {
  it('invites by username and shows the new member with their name and role', async () => {
    const sharing = useSharingStore();
    await sharing.open('list-1');
    await sharing.invite(' Bob ', 'viewer');
    expect(services.account.calls).toContain('inviteMember list-1 bob viewer');
    expect(
      sharing.members.map(({ uid, role, displayName, username }) => ({
        uid,
        role,
        displayName,
        username,
      })),
    ).toEqual([
      { uid: 'alice', role: 'owner', displayName: 'Name of alice', username: null },
      { uid: 'bob', role: 'viewer', displayName: 'Name of bob', username: 'bob' },
    ]);
  });

  it('refuses an invalid username before calling the server', async () => {
    const sharing = useSharingStore();
    await sharing.open('list-1');
    await expect(sharing.invite('no spaces allowed', 'editor')).rejects.toThrow(/only letters a-z/);
    expect(services.account.calls).toEqual([]);
  });

  it('changes a role and removes a member, live from the list document', async () => {
    const sharing = useSharingStore();
    await sharing.open('list-1');
    await sharing.invite('bob', 'viewer');
    await sharing.changeRole('bob', 'editor');
    expect(sharing.members.find((member) => member.uid === 'bob')?.role).toBe('editor');
    await sharing.remove('bob');
    expect(sharing.members.map((member) => member.uid)).toEqual(['alice']);
  });

  it('knows who owns the list', async () => {
    services.lists.lists.set([bobsList('theirs', 'editor')]);
    const sharing = useSharingStore();
    await sharing.open('theirs');
    expect(sharing.isOwner).toBe(false);
    await sharing.leave();
    expect(services.account.calls).toContain('leaveList theirs');
  });
});
