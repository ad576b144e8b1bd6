import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { LoadState } from '@/composables/useLiveQuery';
import WhenLoaded, { type EmptyMessage } from './WhenLoaded.vue';

function mountRegion(state: LoadState, error: string | null = null, empty?: EmptyMessage | null) {
  return mount(WhenLoaded, {
    props: {
      state,
      error,
      loadingTitle: 'Loading lists…',
      errorTitle: 'Couldn’t load your lists',
      empty,
    },
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

  it('says there is nothing to show, and why, in place of the content when it is empty', () => {
    const empty = { title: 'No lists yet', detail: 'Create your first list.' };
    const wrapper = mountRegion('ready', null, empty);
    expect(wrapper.get('[role=status]').text()).toBe('No lists yetCreate your first list.');
    expect(wrapper.find('.status--empty').exists()).toBe(true);
    expect(wrapper.find('.content').exists()).toBe(false);
  });

  it('shows the spinner, not the empty message, while still loading', () => {
    const wrapper = mountRegion('loading', null, { title: 'No lists yet', detail: '' });
    expect(wrapper.get('[role=status]').text()).toBe('Loading lists…');
  });
});
