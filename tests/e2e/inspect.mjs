// inspect.mjs - the inspector's desk at both sizes: the inspector signs
// in, follows the header's link to the audit trail, searches it by a
// dossier's code (the search form's label), then opens the dossier's
// control sheet (Mẫu 06): its handovers in order with on time or late,
// the trail below, the CSV link.  A screenshot of each page.
import { BASE, STAFF, apiAct, check, eq, pageBasics, shot,
  visit } from './lib.mjs';

export async function inspectorDesk(b, code) {
  const p = b.page;
  await visit(b, '/signin');
  await p.fill('#f-login', 'inspector');
  await p.fill('#f-password', STAFF.password);
  await Promise.all([p.waitForURL((u) => u.pathname !== '/signin'),
    p.locator('form.signin button[type="submit"]').click()]);
  const nav = p.locator('header a#nav-inspect');
  eq(await nav.count(), 1, 'the header links to the audit trail');
  await Promise.all([p.waitForURL('**/inspect'), nav.click()]);
  await pageBasics(b, '/inspect', 'vi');
  check(await p.locator('tr.entry').count() >= 1, 'entries listed');
  await shot(b, 'inspect');
  const box = p.getByLabel('Mã hồ sơ', { exact: true });
  eq(await box.count(), 1, 'the dossier filter, by its label');
  await box.fill(code);
  await Promise.all([
    p.waitForURL((u) => u.pathname === '/inspect' &&
      u.searchParams.get('dossier') === code),
    p.locator('form.filters button[type="submit"]').click()]);
  await pageBasics(b, '/inspect searched', 'vi');
  const objects = await p.locator('tr.entry td.object').allInnerTexts();
  check(objects.length >= 2, `the dossier's entries: ${objects.length}`);
  check(objects.every((o) => o === `dossier:${code}`), 'only its entries');
  eq(await p.locator('a#csv').count(), 1, 'the CSV link');
  await shot(b, 'inspect-search');
  await visit(b, `/inspect/dossiers/${code}`);
  const steps = await p.locator('tr.step').evaluateAll((rows) =>
    rows.map((r) => r.dataset.action));
  eq(steps.slice(0, 2), ['submit', 'receive'], 'the handovers in order');
  check((await p.locator('tr.step td.result').allInnerTexts())
    .every((t) => t === 'Đúng hạn' || t === 'Quá hạn'), 'on time or late');
  check((await p.locator('h1').innerText()).startsWith('Phiếu kiểm soát'),
    'the title of Mẫu 06');
  eq(await p.locator('a#csv').count(), 1, 'the CSV link');
  const csv = await fetch(BASE + await p.locator('a#csv').getAttribute('href'),
    { headers: { Cookie: (await p.context().cookies())
      .map((c) => `${c.name}=${c.value}`).join('; ') } });
  eq(csv.status, 200, 'the CSV');
  check((await csv.text()).startsWith('id,at,actor_id'), 'its header');
  await shot(b, 'control-sheet');
  await Promise.all([p.waitForURL(BASE + '/'),
    p.locator('header form.signout button').click()]);
}

// A dossier received by the clerk: two handovers at least.
export async function receivedThroughApi(code) {
  await apiAct(STAFF.clerk, code, 'receive');
  return code;
}
