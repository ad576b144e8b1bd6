import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { LIMITS } from '@model';
import AccountField from './AccountField.vue';

const field = (kind: 'email' | 'current-password' | 'new-password' | 'name', attrs = {}) =>
  mount(AccountField, { props: { id: 'f', kind, modelValue: '', ...attrs } });

describe('an account field, as password managers and the profile rules expect it', () => {
  it.each([
    ['email', 'Email', 'email', 'email', null],
    ['current-password', 'Password', 'password', 'current-password', null],
    ['new-password', 'Password', 'password', 'new-password', 'At least 8 characters.'],
  ] as const)(
    '%s: labelled %s, typed %s, filled as %s, hint %s',
    (kind, label, type, fill, hint) => {
      const wrapper = field(kind);
      const input = wrapper.get('#f');
      expect(wrapper.get('label').text()).toBe(label);
      expect(input.attributes('type')).toBe(type);
      expect(input.attributes('autocomplete')).toBe(fill);
      expect(input.attributes('required')).toBeDefined();
      expect(wrapper.find('#f-hint').exists() ? wrapper.get('#f-hint').text() : null).toBe(hint);
    },
  );

  it('a display name is filled as a name and says when it is over the profile’s limit', () => {
    const wrapper = field('name', { modelValue: 'x'.repeat(LIMITS.displayName + 1) });
    expect(wrapper.get('label').text()).toBe('Display name');
    expect(wrapper.get('#f').attributes('autocomplete')).toBe('name');
    expect(wrapper.get('#f').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#f-limit').text()).toContain('1 character too long');
  });

  it('what the form says overrides the preset: another label, autofocus', () => {
    const wrapper = field('new-password', { label: 'New password', autofocus: '' });
    expect(wrapper.get('label').text()).toBe('New password');
    expect(wrapper.get('#f').attributes('autofocus')).toBeDefined();
    expect(wrapper.get('#f').attributes('autocomplete')).toBe('new-password');
  });
});
