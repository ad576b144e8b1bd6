import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { createFakeServices, type FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;

beforeEach(() => {
  services = createFakeServices();
  services.passwordsSeed();
});

enableAutoUnmount(afterEach);

describe('sign-in', () => {
  it('sends signed-out people to sign-in, then back where they wanted to go', async () => {
    const mounted = await mountApp(services, '/settings');
    const { wrapper } = mounted;
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
    const { wrapper } = mounted;
    await wrapper.get('#signin-email').setValue('ann@example.com');
    await wrapper.get('#signin-password').setValue('nope');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The email or password isn’t right. Try again, or reset your password.',
    );
    expect(mounted.router.currentRoute.value.name).toBe('signin');
  });

  it('gives the same answer whether the email or the password was wrong', async () => {
    const mounted = await mountApp(services, '/signin');
    const { wrapper } = mounted;
    const answerTo = async (email: string, password: string) => {
      await wrapper.get('#signin-email').setValue(email);
      await wrapper.get('#signin-password').setValue(password);
      await wrapper.get('form').trigger('submit');
      await flushPromises();
      return wrapper.get('[role=alert]').text();
    };
    const unknownEmail = await answerTo('nobody@example.com', 'secret1');
    expect(unknownEmail).toBe(await answerTo('ann@example.com', 'wrong-password'));
    expect(unknownEmail).not.toMatch(/account|exist/i);
  });

  it('answers a reset for an unknown address as for a known one', async () => {
    const mounted = await mountApp(services, '/reset-password');
    const { wrapper } = mounted;
    await vi.waitFor(() => expect(wrapper.find('#reset-email').exists()).toBe(true));
    for (const email of ['nobody@example.com', 'ann@example.com']) {
      await wrapper.get('#reset-email').setValue(email);
      await wrapper.get('form').trigger('submit');
      await flushPromises();
      expect(wrapper.find('[role=alert]').exists()).toBe(false);
      expect(wrapper.get('.alert--success').text()).toBe(
        `If an account uses ${email}, a reset link is on its way. Check your inbox.`,
      );
    }
    expect(services.auth.resetsSentTo).toEqual(['ann@example.com']);
  });

  it('asks for a password of at least 8 characters before creating an account', async () => {
    const mounted = await mountApp(services, '/signup');
    const { wrapper } = mounted;
    await vi.waitFor(() => expect(wrapper.find('#signup-name').exists()).toBe(true));
    await wrapper.get('#signup-name').setValue('Bea');
    await wrapper.get('#signup-email').setValue('bea@example.com');
    await wrapper.get('#signup-password').setValue('seven77');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe('Choose a password of at least 8 characters.');
    expect(services.auth.user).toBeNull();
    await wrapper.get('#signup-password').setValue('eight888');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(services.auth.user?.email).toBe('bea@example.com'));
  });

  it('returns to sign-in when the person signs out', async () => {
    await services.auth.signIn('ann@example.com', 'secret1');
    const mounted = await mountApp(services, '/lists');
    const { wrapper } = mounted;
    await wrapper.get('header button.header__signout').trigger('click');
    await flushPromises();
    expect(mounted.router.currentRoute.value.name).toBe('signin');
  });
});
