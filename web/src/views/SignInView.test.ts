import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { createFakeServices, type FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;
let wrapper: VueWrapper | null = null;

beforeEach(() => {
  services = createFakeServices();
  services.passwordsSeed();
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('sign-in', () => {
  it('sends signed-out people to sign-in, then back where they wanted to go', async () => {
    const mounted = await mountApp(services, '/settings');
    wrapper = mounted.wrapper;
    expect(mounted.router.currentRoute.value.name).toBe('signin');
    await wrapper.get('#signin-email').setValue('ann@example.com');
    await wrapper.get('#signin-password').setValue('secret1');
    await wrapper.get('form').trigger('submit');
    // Settings is a lazily loaded chunk: the navigation ends once it has loaded.
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.fullPath).toBe('/settings'));
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Settings');
  });

  it('explains a wrong password in words', async () => {
    const mounted = await mountApp(services, '/signin');
    wrapper = mounted.wrapper;
    await wrapper.get('#signin-email').setValue('ann@example.com');
    await wrapper.get('#signin-password').setValue('nope');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The email or password isn’t right. Try again, or reset your password.',
    );
    expect(mounted.router.currentRoute.value.name).toBe('signin');
  });

  it('returns to sign-in when the person signs out', async () => {
    await services.auth.signIn('ann@example.com', 'secret1');
    const mounted = await mountApp(services, '/lists');
    wrapper = mounted.wrapper;
    await wrapper.get('header button.button').trigger('click');
    await flushPromises();
    expect(mounted.router.currentRoute.value.name).toBe('signin');
  });
});
