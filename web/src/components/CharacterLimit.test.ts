import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import CharacterLimit from './CharacterLimit.vue';

const at = (length: number) => mount(CharacterLimit, { props: { id: 'c', length, limit: 200 } });

describe('CharacterLimit', () => {
  it('stays out of the way well below the limit', () => {
    expect(at(159).find('.char-limit').exists()).toBe(false);
  });

  it('counts towards the limit once the text nears it', () => {
    expect(at(160).text()).toBe('160 / 200');
    expect(at(200).text()).toBe('200 / 200');
  });

  it('says by how much the text is too long, as an announced warning', () => {
    const over = at(201).get('.char-limit');
    expect(over.text()).toBe('1 character too long (at most 200)');
    expect(over.attributes('aria-live')).toBe('polite');
    expect(at(1200).text()).toBe('1,000 characters too long (at most 200)');
  });
});
