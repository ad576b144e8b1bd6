import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { createFakeServices, type FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

// The pages for people signed out (landing, sign-in, sign-up, password reset), and the guard.

let services: FakeServices;

beforeEach(() => {
  services = createFakeServices();
  services.passwordsSeed();
});

enableAutoUnmount(afterEach);

describe('the landing page', () => {
  it('tells a new visitor what Hearth is, with the ways to sign up and sign in', async () => {
    const { wrapper, router } = await mountApp(services, '/');
    expect(router.currentRoute.value.name).toBe('landing');
    expect(wrapper.get('h1').text()).toBe('Your to-dos, shared and in sync.');
    const links = wrapper.findAll('a').map((link) => [link.text(), link.attributes('href')]);
    expect(links).toContainEqual(['Create a free account', '/signup']);
    expect(links).toContainEqual(['Sign in', '/signin']);
  });

  it('sends someone already signed in to their lists', async () => {
    await services.auth.signIn('ann@example.com', 'secret1');
    const { router } = await mountApp(services, '/');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lists'));
  });
});

describe('sign-in', () => {
  it('sends signed-out people to sign-in, then back where they wanted to go', async () => {
    const { wrapper, router } = await mountApp(services, '/settings');
    expect(router.currentRoute.value.name).toBe('signin');
    await wrapper.get('#signin-email').setValue('ann@example.com');
    await wrapper.get('#signin-password').setValue('secret1');
    await wrapper.get('form').trigger('submit');
    // Settings is a lazily loaded chunk: the navigation ends once it has loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/settings'));
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Settings');
  });

  it('explains a wrong password in words', async () => {
    const { wrapper, router } = await mountApp(services, '/signin');
    await wrapper.get('#signin-email').setValue('ann@example.com');
    await wrapper.get('#signin-password').setValue('nope');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The email or password isn’t right. Try again, or reset your password.',
    );
    expect(router.currentRoute.value.name).toBe('signin');
  });

  it('gives the same answer whether the email or the password was wrong', async () => {
    const { wrapper } = await mountApp(services, '/signin');
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
    const { wrapper } = await mountApp(services, '/reset-password');
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
    const { wrapper } = await mountApp(services, '/signup');
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
    const { wrapper, router } = await mountApp(services, '/lists');
    await wrapper.get('header button.header__signout').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('signin');
  });
});
