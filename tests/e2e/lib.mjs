// lib.mjs - what the browser tests share (run.mjs and its cases): the
// stack's address, checks, a browser per device profile, visiting a page
// and what every page must be, screenshots.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = (process.env.MOTCUA_TEST_URL || '').replace(/\/$/, '');
export const OUT = process.env.MOTCUA_TEST_OUT || join(process.cwd(), 'out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const WANT = process.argv.slice(2);
export const SERVICE = 'transcript-certification';
export const MAX_PAGE_BYTES = 30 * 1024;

export const PHONE = { name: 'phone', viewport: { width: 390, height: 844 },
  isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
export const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 },
  isMobile: false, hasTouch: false, deviceScaleFactor: 1 };

export class Failure extends Error {}
export function check(cond, msg) { if (!cond) throw new Failure(msg); }
export function eq(got, want, what) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Failure(`${what}: want ${w}, got ${g}`);
}
export function oneLine(s) {
  s = String(s).split(/\s+/).join(' ');
  return s.length <= 600 ? s : s.slice(0, 600) + '...';
}

// ---- the browser ---------------------------------------------------------

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// One browser per device profile, each with a fresh user data
// directory (Playwright passes it as --user-data-dir).
export async function open(device) {
  const dir = mkdtempSync(join(tmpdir(), `motcua-e2e-${device.name}-`));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: ARGS,
    viewport: device.viewport, isMobile: device.isMobile,
    hasTouch: device.hasTouch, deviceScaleFactor: device.deviceScaleFactor,
    locale: 'vi-VN', timeout: 30000,
  });
  ctx.setDefaultTimeout(15000);
  const page = ctx.pages()[0] || await ctx.newPage();
  const problems = [];
  // Console errors expected for a while (an answer of 401 or 422).
  const allowed = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((a) => m.text().includes(a)))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(BASE)) problems.push(`request failed: ${r.url()}`);
  });
  return {
    device, page, problems, allowed,
    async close() {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Go to path; check the answer and what every page must be.
export async function visit(b, path, { status = 200, lang = 'vi' } = {}) {
  b.problems.length = 0;
  const resp = await b.page.goto(BASE + path, { waitUntil: 'load' });
  check(resp, `no answer for ${path}`);
  eq(resp.status(), status, `status of ${path}`);
  check((resp.headers()['content-type'] || '').startsWith('text/html'),
    `${path} is not text/html`);
  const body = await resp.body();
  check(body.length < MAX_PAGE_BYTES,
    `${path} is ${body.length} bytes, over ${MAX_PAGE_BYTES}`);
  await pageBasics(b, path, lang);
  return resp;
}

export async function pageBasics(b, path, lang) {
  const p = b.page;
  eq(await p.getAttribute('html', 'lang'), lang, `lang of ${path}`);
  for (const sel of ['header', 'nav', 'main', 'footer', 'h1', 'a.skip'])
    eq(await p.locator(sel).count() >= 1, true, `${path} has ${sel}`);
  // The stylesheet was applied: the header has its colour.
  const bg = await p.evaluate(() =>
    getComputedStyle(document.querySelector('header')).backgroundColor);
  check(bg !== 'rgba(0, 0, 0, 0)', `${path}: motcua.css not applied`);
  await noHorizontalScroll(b, path);
  check(b.problems.length === 0, `${path}: ${b.problems.join('; ')}`);
}

async function noHorizontalScroll(b, path) {
  const m = await b.page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    win: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3).map((e) => e.tagName + (e.id ? '#' + e.id : '') +
        (e.className ? '.' + String(e.className).split(' ')[0] : '')),
  }));
  check(m.doc <= m.win, `${path} at ${b.device.name}: scrolls sideways ` +
    `(${m.doc} > ${m.win}; ${m.wide.join(', ')})`);
}

export async function shot(b, name) {
  await b.page.screenshot({ path: join(OUT, `${b.device.name}-${name}.png`),
    fullPage: true });
}

// ---- the demo accounts and the API -----------------------------------------

export const CITIZEN = { login: '001090012345', password: 'demo-motcua-2025',
  name: 'Nguyễn Văn An' };
export const SCHOOL = '000.00.31.H26';
export const PUPIL = '7901020000';
// The demo schools (motcua demo), offered by the school picker.
export const SCHOOLS = ['000.00.31.H26', '000.00.32.H26', '000.00.41.H26',
  '000.00.42.H26'];
// What the citizen types, by field id; readonly fields come from records.
export const ANSWERS = {
  applicant_relation: 'parent', phone: '0912345678', school: SCHOOL,
  student_code: PUPIL, school_years: ['2023-2024', '2024-2025'],
  copies: '2', purpose: 'further-study', delivery: 'electronic',
};

export const STAFF = { clerk: 'clerk.thcs-nt', officer: 'academic-officer.thcs-nt',
  principal: 'principal.thcs-nt', password: 'demo-motcua-2025' };

// A bearer token of a demo account (a CCCD or a user name).
export async function apiToken(login, password = STAFF.password) {
  const r = await fetch(`${BASE}/api/v1/sessions`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(/^[0-9]+$/.test(login) ? { cccd: login, password }
      : { username: login, password }) });
  check(r.status === 201, `API sign-in of ${login}: ${r.status}`);
  return (await r.json()).token;
}

// A staff action through the API (as the staff's own page would).
export async function apiAct(login, code, action, body = {}) {
  const r = await fetch(`${BASE}/api/v1/dossiers/${code}/actions/${action}`,
    { method: 'POST', headers: { 'Content-Type': 'application/json',
      Authorization: `Bearer ${await apiToken(login)}` },
    body: JSON.stringify(body) });
  check(r.status === 200, `${action} by ${login}: ${r.status}`);
}

// A transcript request of the demo citizen's, through the API.
export async function fileThroughApi() {
  const token = await apiToken(CITIZEN.login, CITIZEN.password);
  const r = await fetch(`${BASE}/api/v1/services/${SERVICE}/dossiers`, {
    method: 'POST', headers: { 'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` },
    body: JSON.stringify({ data: { ...ANSWERS, copies: 2 } }) });
  check(r.status === 201, `API submission: ${r.status}`);
  return (await r.json()).code;
}
