import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { createWebHistory } from 'vue-router';
import App from './App.vue';
import { createAppRouter } from './router';
import { createFirebaseServices } from './services/firebase';
import { servicesKey } from './services/injection';
import { registerServiceWorker } from './services/serviceWorker';
import { useNoticesStore } from './stores/notices';
import '@hearth/ui/base.css';
import '@hearth/ui/layout.css';
import './styles/global.css';

const app = createApp(App);
const pinia = createPinia();
app.provide(servicesKey, createFirebaseServices());
app.use(pinia);
app.use(createAppRouter(createWebHistory()));
app.mount('#app');

registerServiceWorker((apply) =>
  useNoticesStore(pinia).notify('A new version of Hearth is ready.', {
    action: { label: 'Reload', run: apply },
    duration: null,
  }),
);
