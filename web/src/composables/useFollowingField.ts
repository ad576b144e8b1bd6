import { ref, watch, type Ref } from 'vue';

/**
 * A form field that shows a stored value and follows its changes (another tab, a trigger, the
 * server confirming a write), except once the person has typed something else: a snapshot that
 * arrives while they edit must not wipe what they typed.
 */
export function useFollowingField<T>(stored: () => T): Ref<T> {
  const field = ref(stored()) as Ref<T>;
  let shown = field.value;
  watch(stored, (value) => {
    if (field.value === shown) field.value = value;
    shown = value;
  });
  return field;
}
