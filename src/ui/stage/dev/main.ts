/** Development page for the stage: runs a real scenario in the browser's workers and mounts <Stage> / <CompareStage>. */
import { mount } from 'svelte';
import '../../app.css';
import '../../theme.css';
import { initTheme } from '../../chrome/theme.ts';
import DevStage from './DevStage.svelte';

initTheme();
const target = document.getElementById('app');
if (!target) throw new Error('stage.html has no #app element');
export default mount(DevStage, { target });
