import { useRoute, useRouter } from 'vue-router';
import { safeRedirect } from '@/router/safeRedirect';
import { useAsyncAction } from './useAsyncAction';

/**
 * Signing in (or up) from a form: its busy and error state, and once it succeeds, the page the
 * person was sent away from (the `redirect` the router's guard added), else their lists.
 */
export function useSignInAndReturn() {
  const route = useRoute();
  const router = useRouter();
  const { busy, error, run } = useAsyncAction();

  async function proceed(signIn: () => Promise<void>): Promise<void> {
    if (await run(signIn)) await router.replace(safeRedirect(route.query.redirect));
  }

  return { busy, error, proceed };
}
