import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useFollowingField } from './useFollowingField';

describe('useFollowingField', () => {
  it('follows the stored value while the person has not edited the field', async () => {
    const stored = ref('Ann');
    const field = useFollowingField(() => stored.value);
    expect(field.value).toBe('Ann');
    stored.value = 'Ann Smith';
    await nextTick();
    expect(field.value).toBe('Ann Smith');
  });

  it('keeps what the person typed when the stored value changes meanwhile', async () => {
    const stored = ref('');
    const field = useFollowingField(() => stored.value);
    field.value = 'ann_s';
    stored.value = 'other';
    await nextTick();
    expect(field.value).toBe('ann_s');
  });

  it('follows again once the field matches what is stored (after a save)', async () => {
    const stored = ref('');
    const field = useFollowingField(() => stored.value);
    field.value = 'ann_s';
    stored.value = 'ann_s';
    await nextTick();
    stored.value = 'ann_smith';
    await nextTick();
    expect(field.value).toBe('ann_smith');
  });
});
