import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { createWebHistory } from 'vue-router';
import App from './App.vue';
import { createAppRouter } from './router';
import { createFirebaseServices } from './services/firebase';
import { servicesKey } from './services/injection';
import './styles/global.css';

const app = createApp(App);
app.provide(servicesKey, createFirebaseServices());
app.use(createPinia());
app.use(createAppRouter(createWebHistory()));
app.mount('#app');
