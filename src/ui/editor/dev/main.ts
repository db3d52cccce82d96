/** A page of its own for the contract editor (development and its e2e test): the editor, a run, the figures. */
import { mount } from 'svelte';
import '../../app.css';
import '../../theme.css';
import { initTheme } from '../../chrome/theme.ts';
import DevPage from './DevPage.svelte';

initTheme();
mount(DevPage, { target: document.getElementById('app')! });
