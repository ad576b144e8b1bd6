import { onScopeDispose, ref, type Ref } from 'vue';

/** Whether the browser believes it is online, updated live. */
export function useOnline(): Ref<boolean> {
  const online = ref(navigator.onLine);
  const update = () => (online.value = navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onScopeDispose(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return online;
}
