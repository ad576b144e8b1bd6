// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { UserProfile } from '@/domain/entities';
import { until, useEmulators } from '@/testing/emulators';
import { createProfileGateway } from './profileGateway';

const emulators = useEmulators('demo-profile-gateway');
const profiles = createProfileGateway(emulators.firestoreAs('alice'));

const created = '2020-01-01T00:00:00Z';

describe('profileGateway against the emulator and firestore.rules', () => {
  it('reads the profile the sign-up trigger wrote, and changes its display name', async () => {
    await emulators.adminWrite('users/alice', {
      displayName: { stringValue: 'Alice' },
      username: { nullValue: null },
      photoURL: { nullValue: null },
      createdAt: { timestampValue: created },
      updatedAt: { timestampValue: created },
    });
    const watch = (accept: (profile: UserProfile | null) => boolean) =>
      until<UserProfile | null>((observer) => profiles.watchProfile('alice', observer), accept);

    expect(await watch((profile) => profile !== null)).toMatchObject({
      uid: 'alice',
      displayName: 'Alice',
      username: null,
      createdAt: new Date(created),
    });
    await profiles.updateDisplayName('alice', 'Alice Smith');
    const renamed = await watch((profile) => profile?.displayName === 'Alice Smith');
    expect(renamed?.updatedAt.getTime()).toBeGreaterThan(new Date(created).getTime());
  });

  it('answers null for someone with no profile yet', async () => {
    const nobody = createProfileGateway(emulators.firestoreAs('carol'));
    expect(
      await until(
        (observer) => nobody.watchProfile('carol', observer),
        () => true,
      ),
    ).toBeNull();
  });
});
