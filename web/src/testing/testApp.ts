import { createApp, type Component } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { servicesKey } from '@/services/injection';
import type { Services } from '@/services/ports';

/**
 * A Pinia bound to an app that provides `services`, active for the test: stores created after this
 * call receive the given (fake) services, as they would receive Firebase's in the running app.
 */
export function useTestPinia(services: Services): Pinia {
  const app = createApp({});
  const pinia = createPinia();
  app.provide(servicesKey, services);
  app.use(pinia);
  setActivePinia(pinia);
  return pinia;
}

/** Global mount options for @vue/test-utils with the same Pinia and services. */
export function mountOptions(pinia: Pinia, services: Services) {
  return { global: { plugins: [pinia], provide: { [servicesKey as symbol]: services } } };
}

/**
 * `component` with `props` on the page, its stores on `pinia` and `services`, once what it loads
 * first has come. The test unmounts it (enableAutoUnmount).
 */
export async function mountOnPage(
  component: Component,
  pinia: Pinia,
  services: Services,
  props: Record<string, unknown>,
): Promise<VueWrapper> {
  const wrapper = mount(component, {
    ...mountOptions(pinia, services),
    props,
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}
