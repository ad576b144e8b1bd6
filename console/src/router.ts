/** One route per tab; each tab's code loads when it is first opened, so the first load stays small. */
import { createRouter, type RouterHistory } from 'vue-router';

export function createConsoleRouter(history: RouterHistory) {
  return createRouter({
    history,
    routes: [
      {
        path: '/',
        name: 'overview',
        component: () => import('./views/OverviewView.vue'),
        meta: { title: 'Overview' },
      },
      {
        path: '/firestore',
        redirect: { name: 'firestore', params: { database: '(default)', path: [] } },
      },
      {
        path: '/firestore/:database/data/:path(.*)*',
        name: 'firestore',
        component: () => import('./views/FirestoreView.vue'),
        meta: { title: 'Firestore' },
      },
      {
        path: '/firestore/:database/query',
        name: 'firestore-query',
        component: () => import('./views/QueryView.vue'),
        meta: { title: 'Firestore query' },
      },
      {
        path: '/requests',
        name: 'requests',
        component: () => import('./views/RequestsView.vue'),
        meta: { title: 'Requests' },
      },
      {
        path: '/storage/:bucket?/:path(.*)*',
        name: 'storage',
        component: () => import('./views/StorageView.vue'),
        meta: { title: 'Storage' },
      },
      {
        path: '/auth',
        name: 'auth',
        component: () => import('./views/AuthView.vue'),
        meta: { title: 'Authentication' },
      },
      {
        path: '/functions',
        name: 'functions',
        component: () => import('./views/FunctionsView.vue'),
        meta: { title: 'Triggers and logs' },
      },
      {
        path: '/data',
        name: 'data',
        component: () => import('./views/DataView.vue'),
        meta: { title: 'Export and import' },
      },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  });
}
