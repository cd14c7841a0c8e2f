import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import './styles/base.css';
import './styles/analyst.css';

createApp(App).use(createPinia()).use(createAppI18n()).mount('#app');
