import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { createFakeServices, makeProfile, type FakeServices } from '@/testing/fakeServices';
import { loadSchemas } from '@/domain/schemas';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;
let wrapper: VueWrapper | null = null;

beforeEach(async () => {
  services = createFakeServices();
  services.passwordsSeed();
  await services.auth.signIn('ann@example.com', 'secret1');
  services.profiles.profiles.set([makeProfile('uid-ann@example.com', 'Ann')]);
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.restoreAllMocks();
});

async function openSettings() {
  const mounted = await mountApp(services, '/settings');
  await vi.waitFor(() => expect(mounted.wrapper.find('#settings-name').exists()).toBe(true));
  wrapper = mounted.wrapper;
  return mounted;
}

// The model's schemas load on a form's first use; here they are there already, as after its focus.
beforeAll(() => loadSchemas());

describe('SettingsView', () => {
  it('turns on reminders as notifications in this browser, or says why it cannot', async () => {
    await openSettings();
    const button = () =>
      wrapper!.findAll('button').find((each) => each.text().startsWith('Also show them'));
    await button()!.trigger('click');
    await flushPromises();
    expect(services.notifications.pushEnabled).toEqual(['uid-ann@example.com']);
    expect(wrapper!.text()).toContain('Reminders will also show as notifications in this browser.');
    wrapper!.unmount();

    services.notifications.unavailableReason = 'No web push here.';
    await openSettings();
    expect(button()).toBeUndefined();
    expect(wrapper!.text()).toContain('No web push here.');
  });

  it('switches between light, dark and the device’s appearance, remembered here', async () => {
    await openSettings();
    const choice = (value: string) => wrapper!.get(`input[name=theme][value=${value}]`);
    expect((choice('system').element as HTMLInputElement).checked).toBe(true);
    await choice('dark').setValue(true);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('hearth.theme')).toBe('dark');
    await choice('system').setValue(true);
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('claims a username and explains a taken one', async () => {
    services.account.usernames.set('taken', 'someone-else');
    const { wrapper } = await openSettings();
    await wrapper.get('#settings-username').setValue('taken');
    await wrapper.get<HTMLInputElement>('#settings-username').element.form!.requestSubmit();
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe('That username is taken.');
    await wrapper.get('#settings-username').setValue('ann_s');
    await wrapper.get<HTMLInputElement>('#settings-username').element.form!.requestSubmit();
    await flushPromises();
    expect(services.account.usernames.get('ann_s')).toBe('uid-ann@example.com');
    expect(wrapper.text()).toContain('Username saved.');
  });

  it('keeps a username being typed when a profile snapshot arrives meanwhile', async () => {
    const { wrapper } = await openSettings();
    await wrapper.get('#settings-username').setValue('ann_s');
    // The server confirms the name saved at sign-up: a new snapshot of the same profile.
    await services.profiles.updateDisplayName('uid-ann@example.com', 'Ann S.');
    await flushPromises();
    expect(wrapper.get<HTMLInputElement>('#settings-username').element.value).toBe('ann_s');
    expect(wrapper.get<HTMLInputElement>('#settings-name').element.value).toBe('Ann S.');
    await wrapper.get<HTMLInputElement>('#settings-username').element.form!.requestSubmit();
    await flushPromises();
    expect(services.account.usernames.get('ann_s')).toBe('uid-ann@example.com');
  });

  it('downloads the export as a dated JSON file', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('hearth-export-2030-01-02.json');
    });
    const { wrapper } = await openSettings();
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Export my data')!
      .trigger('click');
    await flushPromises();
    expect(created).toHaveBeenCalledOnce();
    expect(clicked).toHaveBeenCalledOnce();
    expect(wrapper.text()).toContain('Your data was downloaded.');
  });

  it('deletes the account after the password is confirmed, then shows sign-in', async () => {
    const { wrapper, router } = await openSettings();
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Delete account…')!
      .trigger('click');
    await wrapper.get('#delete-password').setValue('wrong');
    await wrapper.get<HTMLInputElement>('#delete-password').element.form!.requestSubmit();
    await flushPromises();
    expect(wrapper.get('dialog [role=alert]').text()).toMatch(/password isn’t right/);
    expect(services.account.calls).not.toContain('deleteAccount');
    await wrapper.get('#delete-password').setValue('secret1');
    await wrapper.get<HTMLInputElement>('#delete-password').element.form!.requestSubmit();
    await flushPromises();
    expect(services.account.calls).toContain('deleteAccount');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('signin'));
  });
});
