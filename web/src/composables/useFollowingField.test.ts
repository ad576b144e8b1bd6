import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useFollowingField } from './useFollowingField';

/** A field following a stored value that starts as `initial`; `store` changes that value. */
function following(initial: string) {
  const stored = ref(initial);
  const store = async (value: string) => {
    stored.value = value;
    await nextTick();
  };
  return { field: useFollowingField(() => stored.value), store };
}

describe('useFollowingField', () => {
  it('follows the stored value while the person has not edited the field', async () => {
    const { field, store } = following('Ann');
    expect(field.value).toBe('Ann');
    await store('Ann Smith');
    expect(field.value).toBe('Ann Smith');
  });

  it('keeps what the person typed when the stored value changes meanwhile', async () => {
    const { field, store } = following('');
    field.value = 'ann_s';
    await store('other');
    expect(field.value).toBe('ann_s');
  });

  it('follows again once the field matches what is stored (after a save)', async () => {
    const { field, store } = following('');
    field.value = 'ann_s';
    await store('ann_s');
    await store('ann_smith');
    expect(field.value).toBe('ann_smith');
  });
});
