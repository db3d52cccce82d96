/** Page entry: mounts the playground. */
import { mount } from 'svelte';
import { registerOffline } from './app/offline.ts';
import App from './ui/App.svelte';
import './ui/app.css';
import './ui/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

registerOffline();

export default mount(App, { target });
