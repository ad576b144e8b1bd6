import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { LIMITS } from '@model';
import DisplayNameField from './DisplayNameField.vue';
import PasswordField from './PasswordField.vue';

describe('the account fields, as password managers and the profile rules expect them', () => {
  it.each([
    ['current', 'current-password', null],
    ['new', 'new-password', 'At least 8 characters.'],
  ] as const)('a %s password is filled as %s, its hint: %s', (kind, autocomplete, hint) => {
    const wrapper = mount(PasswordField, { props: { id: 'pw', kind, modelValue: '' } });
    const input = wrapper.get('#pw');
    expect(input.attributes('type')).toBe('password');
    expect(input.attributes('autocomplete')).toBe(autocomplete);
    expect(input.attributes('required')).toBeDefined();
    expect(wrapper.get('label').text()).toBe('Password');
    expect(wrapper.find('#pw-hint').exists() ? wrapper.get('#pw-hint').text() : null).toBe(hint);
  });

  it('a display name is filled as a name and says when it is over the profile’s limit', () => {
    const long = 'x'.repeat(LIMITS.displayName + 1);
    const wrapper = mount(DisplayNameField, {
      props: { id: 'name', label: 'Your name', modelValue: long },
    });
    expect(wrapper.get('label').text()).toBe('Your name');
    expect(wrapper.get('#name').attributes('autocomplete')).toBe('name');
    expect(wrapper.get('#name').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#name-limit').text()).toContain('1 character too long');
  });
});
