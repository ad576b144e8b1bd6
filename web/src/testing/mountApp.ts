import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import { createAppRouter } from '@/router';
import type { Services } from '@/services/ports';
import { mountOptions, useTestPinia } from './testApp';

/** The whole app on fake services, at `path`, with the real router and its guards. */
export async function mountApp(services: Services, path: string) {
  const pinia = useTestPinia(services);
  const router = createAppRouter(createMemoryHistory());
  const options = mountOptions(pinia, services);
  await router.push(path);
  const wrapper = mount(App, {
    ...options,
    global: { ...options.global, plugins: [pinia, router] },
    attachTo: document.body,
  });
  await router.isReady();
  await flushPromises();
  return { wrapper, router };
}
