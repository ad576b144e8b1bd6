import {
  createRouter,
  type RouteMeta,
  type RouteRecordRaw,
  type RouteRecordSingleView,
  type RouterHistory,
} from 'vue-router';
import { useAuthStore } from '@/stores/auth';
import LandingView from '@/views/LandingView.vue';
import SignInView from '@/views/SignInView.vue';
import { safeRedirect } from './safeRedirect';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in people; others go to sign-in and come back after. */
    requiresAuth?: boolean;
    /** Only for signed-out people (sign-in, sign-up); signed-in people go to their lists. */
    guestOnly?: boolean;
    title?: string;
  }
}

/** A page: its path and name, what it shows, and what the guard and the title read. */
const page = (
  path: string,
  name: string,
  component: RouteRecordSingleView['component'],
  meta: RouteMeta,
): RouteRecordRaw => ({ path, name, component, meta });

// The landing and sign-in pages come with the first download; every other page loads when
// visited, so that a visitor does not download the lists' code (nor Firestore) to sign in.
const ListsView = () => import('@/views/ListsView.vue');

const routes: RouteRecordRaw[] = [
  page('/', 'landing', LandingView, { guestOnly: true }),
  page('/lists/:listId?', 'lists', ListsView, { requiresAuth: true, title: 'Lists' }),
  // Today, Upcoming and Overdue across the lists, and search across them (/search?q=words), are
  // in the lists' page.
  page('/:view(today|upcoming|overdue)', 'due', ListsView, { requiresAuth: true }),
  page('/search', 'search', ListsView, { requiresAuth: true }),
  page('/settings', 'settings', () => import('@/views/SettingsView.vue'), {
    requiresAuth: true,
    title: 'Settings',
  }),
  page('/signin', 'signin', SignInView, { guestOnly: true, title: 'Sign in' }),
  page('/signup', 'signup', () => import('@/views/SignUpView.vue'), {
    guestOnly: true,
    title: 'Create account',
  }),
  page('/reset-password', 'reset-password', () => import('@/views/ResetPasswordView.vue'), {
    guestOnly: true,
    title: 'Reset password',
  }),
  page('/auth/action', 'auth-action', () => import('@/views/AuthActionView.vue'), {
    title: 'Account',
  }),
  page('/:pathMatch(.*)*', 'not-found', () => import('@/views/NotFoundView.vue'), {
    title: 'Not found',
  }),
];

export function createAppRouter(history: RouterHistory) {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    await auth.whenReady();
    if (to.meta.requiresAuth && auth.uid === null) {
      return { name: 'signin', query: { redirect: to.fullPath } };
    }
    if (to.meta.guestOnly && auth.uid !== null) return safeRedirect(to.query.redirect);
    return true;
  });
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Hearth` : 'Hearth';
  });
  return router;
}
