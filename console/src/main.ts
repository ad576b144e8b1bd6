import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { createWebHistory } from 'vue-router';
import App from './App.vue';
import { createConsoleRouter } from './router';
import { applyStoredTheme } from './composables/useTheme';
import '@hearth/ui/base.css';
import '@hearth/ui/layout.css';
import './styles/global.css';

applyStoredTheme();
createApp(App).use(createPinia()).use(createConsoleRouter(createWebHistory())).mount('#app');
