import 'telltale/all.js'; // registers every tag (or import single *.define.js files)
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
