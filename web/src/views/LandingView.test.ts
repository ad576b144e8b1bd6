import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import { createFakeServices, type FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;

beforeEach(() => {
  services = createFakeServices();
  services.passwordsSeed();
});

enableAutoUnmount(afterEach);

describe('the landing page', () => {
  it('tells a new visitor what Hearth is, with the ways to sign up and sign in', async () => {
    const mounted = await mountApp(services, '/');
    const { wrapper } = mounted;
    expect(mounted.router.currentRoute.value.name).toBe('landing');
    expect(wrapper.get('h1').text()).toBe('Your to-dos, shared and in sync.');
    const links = wrapper.findAll('a').map((link) => [link.text(), link.attributes('href')]);
    expect(links).toContainEqual(['Create a free account', '/signup']);
    expect(links).toContainEqual(['Sign in', '/signin']);
  });

  it('sends someone already signed in to their lists', async () => {
    await services.auth.signIn('ann@example.com', 'secret1');
    const mounted = await mountApp(services, '/');
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('lists'));
  });
});
