import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';
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

const routes: RouteRecordRaw[] = [
  // The landing and sign-in pages come with the first download; every other page loads when
  // visited, so that a visitor does not download the lists' code (nor Firestore) to sign in.
  {
    path: '/',
    name: 'landing',
    component: LandingView,
    meta: { guestOnly: true },
  },
  {
    path: '/lists/:listId?',
    name: 'lists',
    component: () => import('@/views/ListsView.vue'),
    meta: { requiresAuth: true, title: 'Lists' },
  },
  {
    // Today, Upcoming and Overdue across the lists, in the lists' page (ListsView).
    path: '/:view(today|upcoming|overdue)',
    name: 'due',
    component: () => import('@/views/ListsView.vue'),
    meta: { requiresAuth: true },
  },
  {
    // Search across the lists (/search?q=words), in the lists' page (ListsView).
    path: '/search',
    name: 'search',
    component: () => import('@/views/ListsView.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/SettingsView.vue'),
    meta: { requiresAuth: true, title: 'Settings' },
  },
  {
    path: '/signin',
    name: 'signin',
    component: SignInView,
    meta: { guestOnly: true, title: 'Sign in' },
  },
  {
    path: '/signup',
    name: 'signup',
    component: () => import('@/views/SignUpView.vue'),
    meta: { guestOnly: true, title: 'Create account' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('@/views/ResetPasswordView.vue'),
    meta: { guestOnly: true, title: 'Reset password' },
  },
  {
    path: '/auth/action',
    name: 'auth-action',
    component: () => import('@/views/AuthActionView.vue'),
    meta: { title: 'Account' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'Not found' },
  },
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
