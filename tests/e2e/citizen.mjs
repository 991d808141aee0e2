// citizen.mjs - the citizen's remaining actions in the browser, at the
// phone size: a supplement requested by the academic officer (through
// the API), the dossier page says so and why; the citizen answers it
// from the page (a field corrected, a file attached); the staff finish
// the dossier (through the API); the citizen rates it from the page and
// sees the thanks and the rating.  A screenshot of each new state:
// phone-dossier-supplement, -supplement-error, -supplemented,
// -rate, -rated.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BASE, CITIZEN, STAFF, apiAct, check, eq, fileThroughApi,
  pageBasics, shot, visit } from './lib.mjs';

const REASON = 'Thiếu giấy ủy quyền của phụ huynh (bản scan).';
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

async function signInCitizen(b) {
  const p = b.page;
  await visit(b, '/signin');
  await p.fill('#f-login', CITIZEN.login);
  await p.fill('#f-password', CITIZEN.password);
  await Promise.all([p.waitForURL('**/my'),
    p.locator('form.signin button[type="submit"]').click()]);
  await pageBasics(b, '/my', 'vi');
}

async function submitAndWait(b, form, re) {
  await Promise.all([b.page.waitForURL(re),
    form.locator('button[type="submit"]').click()]);
  await b.page.waitForLoadState('load');
}

async function supplement(b, code) {
  const p = b.page;
  await visit(b, `/dossiers/${code}`);
  // The citizen must act, and the page says why.
  const box = p.locator('#must-act');
  eq(await box.count(), 1, 'the page says the citizen must act');
  check((await box.innerText()).includes(REASON), 'and why');
  await shot(b, 'dossier-supplement');
  // Follow the link to the form.
  await p.locator('#must-act a[href="#a-supplement"]').click();
  const form = p.locator('form#a-supplement');
  eq(await form.getAttribute('enctype'), 'multipart/form-data', 'multipart');
  check(await p.locator('#f-school').getAttribute('readonly') !== null,
    'the school cannot change');
  eq(await p.locator('#f-school').getAttribute('name'), null,
    'and is not sent');
  eq(await p.inputValue('#f-copies'), '2', 'copies as filed');
  // A wrong value first: the error beside it, the value kept.
  await p.fill('#f-copies', '99');
  await p.evaluate(() => document.querySelector('#f-copies')
    .removeAttribute('max'));
  b.allowed.push('status of 422');
  await Promise.all([p.waitForResponse((r) => r.request().method() ===
    'POST' && r.url().includes('/actions/supplement')),
  form.locator('button[type="submit"]').click()]);
  await p.waitForLoadState('load');
  await pageBasics(b, `/dossiers/${code} (422)`, 'vi');
  b.allowed.length = 0;
  eq(await p.locator('#f-copies').getAttribute('aria-invalid'), 'true',
    'copies marked invalid');
  eq(await p.inputValue('#f-copies'), '99', 'the value kept');
  check(await p.locator('#f-copies-err').isVisible(), 'the error shown');
  await shot(b, 'dossier-supplement-error');
  // Corrected, with the missing file.
  const dir = mkdtempSync(join(tmpdir(), 'motcua-e2e-file-'));
  const file = join(dir, 'giay-uy-quyen.pdf');
  writeFileSync(file, PDF);
  try {
    await p.fill('#f-copies', '3');
    await p.setInputFiles('#f-authorization', file);
    await submitAndWait(b, p.locator('form#a-supplement'),
      /done=supplement$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await pageBasics(b, `/dossiers/${code} after the supplement`, 'vi');
  eq(await p.locator('#notice').count(), 1, 'a notice');
  eq(await p.locator('#must-act').count(), 0, 'nothing asked any more');
  eq(await p.locator('a.download').count(), 1, 'the file, to download');
  await shot(b, 'dossier-supplemented');
}

async function rate(b, code) {
  const p = b.page;
  await visit(b, `/dossiers/${code}`);
  const form = p.locator('form#rate');
  eq(await form.count(), 1, 'the rating form once it is done');
  eq(await p.locator('form#rate input[type="radio"]').count(), 3,
    'three choices');
  await shot(b, 'dossier-rate');
  await p.locator('label[for="r-rating-1"]').click();
  await p.fill('#r-comment', 'Nhanh, đúng hẹn.');
  await submitAndWait(b, form, /done=rate$/);
  await pageBasics(b, `/dossiers/${code} rated`, 'vi');
  check((await p.locator('#notice').innerText()).includes('Cảm ơn'),
    'thanks');
  eq((await p.locator('#rating-value').innerText()).trim(), 'Rất hài lòng',
    'the rating shown');
  eq(await p.locator('form#rate').count(), 0, 'no form any more');
  await shot(b, 'dossier-rated');
}

export async function citizenActions(b) {
  const code = await fileThroughApi();
  await apiAct(STAFF.clerk, code, 'receive');
  await apiAct(STAFF.officer, code, 'request_supplement', { reason: REASON });
  await signInCitizen(b);
  await supplement(b, code);
  await apiAct(STAFF.officer, code, 'verify');
  await apiAct(STAFF.principal, code, 'approve');
  await apiAct(STAFF.clerk, code, 'return_result');
  await rate(b, code);
  await Promise.all([b.page.waitForURL(BASE + '/'),
    b.page.locator('header form.signout button').click()]);
}
