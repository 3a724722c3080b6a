import { browser } from 'wxt/browser';

void browser.devtools.panels.create('Session', '/icon/32.png', '/devtools-panel.html');
