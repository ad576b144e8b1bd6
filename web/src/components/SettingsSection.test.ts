import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SettingsSection from './SettingsSection.vue';

const base = { headingId: 'profile-heading', title: 'Profile', description: 'Who you are.' };

describe('SettingsSection', () => {
  it('is a region named by its heading, with its controls after the description', () => {
    const wrapper = mount(SettingsSection, { props: base, slots: { default: '<form></form>' } });
    const section = wrapper.get('section');
    expect(section.attributes('aria-labelledby')).toBe('profile-heading');
    expect(wrapper.get('#profile-heading').text()).toBe('Profile');
    expect(section.element.lastElementChild?.tagName).toBe('FORM');
  });

  it('holds an empty status line from the start, so that what fills it is announced', async () => {
    const wrapper = mount(SettingsSection, { props: { ...base, error: null, status: null } });
    expect(wrapper.get('[role=status]').text()).toBe('');
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    await wrapper.setProps({ status: 'Name saved.' });
    expect(wrapper.get('[role=status]').text()).toBe('Name saved.');
    await wrapper.setProps({ error: 'You don’t have permission to do that.' });
    expect(wrapper.get('[role=alert]').text()).toBe('You don’t have permission to do that.');
  });

  it('has no status line when it reports no outcome', () => {
    const wrapper = mount(SettingsSection, { props: base });
    expect(wrapper.find('[role=status]').exists()).toBe(false);
  });
});
