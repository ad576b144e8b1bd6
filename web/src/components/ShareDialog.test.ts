import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import type { FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList, bobsList } from '@/testing/alice';
import { mountOnPage, useTestPinia } from '@/testing/testApp';
import ShareDialog from './ShareDialog.vue';

let services: FakeServices;

beforeEach(() => {
  services = aliceWith(alicesList('mine'), bobsList('theirs', 'editor'));
  services.account.usernames.set('bob', 'bob');
});

enableAutoUnmount(afterEach);

const open = (listId: string) =>
  mountOnPage(ShareDialog, useTestPinia(services), services, { listId });

const memberNames = (w: VueWrapper) => w.findAll('.member__name').map((name) => name.text());

/** Invites `username` from the dialog's form, as `role` when given (else the form's default). */
async function invite(dialog: VueWrapper, username: string, role?: string) {
  await dialog.get('#invite-username').setValue(username);
  if (role) await dialog.get('#invite-role').setValue(role);
  await dialog.get('form.invite').trigger('submit');
  await flushPromises();
}

describe('ShareDialog', () => {
  it('lets the owner invite by username and confirms it in the live region', async () => {
    const dialog = await open('mine');
    await invite(dialog, 'bob', 'viewer');
    expect(memberNames(dialog)).toEqual(['Name of alice (you)', 'Name of bob']);
    expect(dialog.get('.share__status').text()).toBe('bob can now view this list.');
  });

  it('explains why an invitation failed', async () => {
    const dialog = await open('mine');
    await invite(dialog, 'nobody');
    expect(dialog.get('[role=alert]').text()).toBe('No one uses that username.');
  });

  it('lets the owner change a role and remove a member', async () => {
    const dialog = await open('mine');
    await invite(dialog, 'bob');
    await dialog.get('#role-bob').setValue('viewer');
    await flushPromises();
    expect(services.account.calls).toContain('setMemberRole mine bob viewer');
    await dialog.get('button[aria-label="Remove Name of bob"]').trigger('click');
    await flushPromises();
    expect(memberNames(dialog)).toEqual(['Name of alice (you)']);
  });

  it('shows other members read-only and offers to leave', async () => {
    const dialog = await open('theirs');
    expect(dialog.find('form.invite').exists()).toBe(false);
    expect(dialog.find('select').exists()).toBe(false);
    await dialog.get('.share__leave button').trigger('click');
    await flushPromises();
    expect(dialog.emitted('left')).toHaveLength(1);
  });
});
