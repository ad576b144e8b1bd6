import { ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { safeRedirect } from '@/router/safeRedirect';
import { useAsyncAction } from './useAsyncAction';

/**
 * What the sign-in and sign-up forms share: the email and password typed, the busy and error
 * state of signing in (or up), and `proceed`, which once that succeeds goes back to the page the
 * person was sent away from (the `redirect` the router's guard added), else to their lists.
 * `route` is for the link to the other form, which keeps that redirect.
 */
export function useAuthForm() {
  const route = useRoute();
  const router = useRouter();
  const { busy, error, run } = useAsyncAction();
  const email = ref('');
  const password = ref('');

  async function proceed(signIn: () => Promise<void>): Promise<void> {
    if (await run(signIn)) await router.replace(safeRedirect(route.query.redirect));
  }

  return { route, email, password, busy, error, proceed };
}
