// staff.mjs - the staff's journey at desktop size: the clerk of THCS
// Nguyễn Trãi signs in (to the inbox), types the code of a dossier in
// the inbox's search box, opens it and receives it; the academic officer
// and the principal, each finding it the same way, verify and approve
// it.  A screenshot of each page.
import { BASE, PUPIL, STAFF, check, eq, pageBasics, shot,
  visit } from './lib.mjs';

export async function staffSignIn(b, login) {
  const p = b.page;
  await visit(b, '/signin');
  await p.fill('#f-login', login);
  await p.fill('#f-password', STAFF.password);
  await Promise.all([p.waitForURL('**/inbox'),
    p.locator('form.signin button[type="submit"]').click()]);
  await pageBasics(b, '/inbox', 'vi');
  eq(await p.locator('header a[href="/inbox"]').count(), 1,
    'the header links to the inbox');
}

async function staffSignOut(b) {
  const p = b.page;
  await Promise.all([p.waitForURL(BASE + '/'),
    p.locator('header form.signout button').click()]);
  await p.waitForLoadState('load');
}

// A clerk on the phone: the citizen reads the code out from the
// receipt, the clerk types it in the inbox's search box (its label) and
// submits the filter form.  Found, whatever the number of open dossiers
// before it.  Then the link to its page.
async function staffSearch(b, code, shotName) {
  const p = b.page;
  const box = p.getByLabel('Mã hồ sơ', { exact: true });
  eq(await box.count(), 1, 'the search box, by its label');
  await box.fill(code.toLowerCase());
  await Promise.all([
    p.waitForURL((u) => u.pathname === '/inbox' &&
      u.searchParams.get('code') === code.toLowerCase()),
    p.locator('form.filters button[type="submit"]').click()]);
  await pageBasics(b, '/inbox searched', 'vi');
  eq(await box.inputValue(), code, 'the code kept in the box');
  const link = p.locator(`main a[href="/inbox/${code}"]`);
  eq(await link.count(), 1, `the search finds ${code}`);
  eq(await p.locator('main a[href^="/inbox/"]').count(), 1, 'and only it');
  if (shotName) await shot(b, shotName);
  return link;
}

// From the inbox to the dossier's page; take action (its form).
async function staffAct(b, code, action, shotName) {
  const p = b.page;
  const link = await staffSearch(b, code);
  await Promise.all([p.waitForURL(`**/inbox/${code}`), link.click()]);
  await pageBasics(b, `/inbox/${code}`, 'vi');
  check(await p.locator('ol.history li').count() >= 1, 'its history');
  check((await p.locator('main').innerText()).includes(PUPIL),
    'the form data');
  const form = p.locator(`form#a-${action}`);
  eq(await form.count(), 1, `the ${action} form`);
  await shot(b, `${shotName}-before`);
  await Promise.all([p.waitForURL(new RegExp(`done=${action}$`)),
    form.locator('button[type="submit"]').click()]);
  await pageBasics(b, `/inbox/${code} after ${action}`, 'vi');
  eq(await p.locator('#notice').count(), 1, `a notice after ${action}`);
  eq(await p.locator(`form#a-${action}`).count(), 0, `${action} done`);
  await shot(b, shotName);
}

export async function staffJourney(b, code) {
  const p = b.page;
  await staffSignIn(b, STAFF.clerk);
  await shot(b, 'staff-inbox');
  // Only the clerk's actions: receive and refuse (with its reason).
  const link = await staffSearch(b, code, 'staff-inbox-search');
  await Promise.all([p.waitForURL(`**/inbox/${code}`), link.click()]);
  await pageBasics(b, `/inbox/${code}`, 'vi');
  eq(await p.locator('main form.action').count(), 2, 'two actions');
  eq(await p.locator('#a-refuse-reason').getAttribute('required'),
    'required', 'the reason is required');
  await shot(b, 'staff-dossier');
  await p.goBack();
  await staffAct(b, code, 'receive', 'staff-received');
  await staffSignOut(b);
  await staffSignIn(b, STAFF.officer);
  await staffAct(b, code, 'verify', 'staff-verified');
  await staffSignOut(b);
  await staffSignIn(b, STAFF.principal);
  await staffAct(b, code, 'approve', 'staff-approved');
  check((await p.locator('#state').innerText()).length > 0, 'its state');
  await staffSignOut(b);
}

