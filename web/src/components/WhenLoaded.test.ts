import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { LoadState } from '@/composables/useLiveQuery';
import WhenLoaded from './WhenLoaded.vue';

function mountRegion(state: LoadState, error: string | null = null) {
  return mount(WhenLoaded, {
    props: { state, error, loadingTitle: 'Loading lists…', errorTitle: 'Couldn’t load your lists' },
    slots: { default: '<ul class="content"><li>Inbox</li></ul>' },
  });
}

describe('WhenLoaded', () => {
  it('shows a spinner while loading, without the content', () => {
    const wrapper = mountRegion('loading');
    expect(wrapper.get('[role=status]').text()).toBe('Loading lists…');
    expect(wrapper.find('.spinner').exists()).toBe(true);
    expect(wrapper.find('.content').exists()).toBe(false);
  });

  it('says why it failed, as an alert, without the content', () => {
    const wrapper = mountRegion('error', 'You don’t have access.');
    expect(wrapper.get('[role=alert]').text()).toBe(
      'Couldn’t load your listsYou don’t have access.',
    );
    expect(wrapper.find('.content').exists()).toBe(false);
  });

  it('shows the content alone once loaded, in no element of its own', () => {
    const wrapper = mountRegion('ready');
    expect(wrapper.find('[role=status], [role=alert]').exists()).toBe(false);
    expect(wrapper.html()).toBe('<ul class="content">\n  <li>Inbox</li>\n</ul>');
  });
});
