/** One route per tab; each tab's code loads when it is first opened, so the first load stays small. */
import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';

/** Each tab's view by the tab's name. */
const views = {
  overview: () => import('./views/OverviewView.vue'),
  firestore: () => import('./views/FirestoreView.vue'),
  'firestore-query': () => import('./views/QueryView.vue'),
  requests: () => import('./views/RequestsView.vue'),
  storage: () => import('./views/StorageView.vue'),
  auth: () => import('./views/AuthView.vue'),
  functions: () => import('./views/FunctionsView.vue'),
  data: () => import('./views/DataView.vue'),
};

/** The tab `name` at `path`, titled `title`. */
const tab = (path: string, name: keyof typeof views, title: string): RouteRecordRaw => ({
  path,
  name,
  component: views[name],
  meta: { title },
});

const routes: RouteRecordRaw[] = [
  tab('/', 'overview', 'Overview'),
  {
    path: '/firestore',
    redirect: { name: 'firestore', params: { database: '(default)', path: [] } },
  },
  tab('/firestore/:database/data/:path(.*)*', 'firestore', 'Firestore'),
  tab('/firestore/:database/query', 'firestore-query', 'Firestore query'),
  tab('/requests', 'requests', 'Requests'),
  tab('/storage/:bucket?/:path(.*)*', 'storage', 'Storage'),
  tab('/auth', 'auth', 'Authentication'),
  tab('/functions', 'functions', 'Triggers and logs'),
  tab('/data', 'data', 'Export and import'),
  { path: '/:unknown(.*)*', redirect: '/' },
];

export function createConsoleRouter(history: RouterHistory) {
  return createRouter({ history, routes });
}
