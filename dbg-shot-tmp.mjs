import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 1000 } });
await p.goto('file://' + process.argv[2]);
if (process.argv[4]) await p.evaluate((sel) => document.querySelector(sel).scrollIntoView(), process.argv[4]);
await p.screenshot({ path: process.argv[3] });
await b.close();
