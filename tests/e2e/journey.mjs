// journey.mjs - the citizen's journey at the phone size: sign in (a
// wrong password first), the form prefilled, a wrong pupil code answered
// beside its field, every required field filled, the receipt (code, PIN,
// QR code), "my applications", the dossier page, sign out.  Then a
// newcomer: opens /my anonymously, is sent to sign in, follows the link
// to register, registers (a mistake first), lands on /my; the
// application form offers the schools in a list.  The demo citizen and
// pupils must be in the stack (motcua demo: the HTTP tests' setup and
// scripts/test.sh load them).
import { ANSWERS, BASE, CITIZEN, SCHOOL, SERVICE, check, eq, pageBasics,
  shot, visit } from './lib.mjs';

// The code of the dossier the citizen's journey filed (the staff's
// journey takes it on), or null.
export let filed = null;

export async function signIn(b) {
  const p = b.page;
  await visit(b, '/');
  await Promise.all([p.waitForURL('**/signin'),
    p.locator('header a[href="/signin"]').click()]);
  await pageBasics(b, '/signin', 'vi');
  for (const id of ['login', 'password'])
    eq(await p.locator(`label[for="f-${id}"]`).count(), 1, `label of ${id}`);
  await shot(b, 'signin');
  // A wrong password: the error beside it, the login kept.
  await p.fill('#f-login', CITIZEN.login);
  await p.fill('#f-password', 'not-the-password');
  b.allowed.push('status of 401');
  await Promise.all([p.waitForResponse((r) => r.request().method() ===
    'POST' && r.url().endsWith('/signin')),
  p.locator('form.signin button[type="submit"]').click()]);
  await p.waitForLoadState('load');
  await pageBasics(b, '/signin (wrong)', 'vi');
  b.allowed.length = 0;
  eq(await p.locator('#f-password').getAttribute('aria-invalid'), 'true',
    'password marked invalid');
  eq(await p.locator('#f-login').inputValue(), CITIZEN.login, 'login kept');
  await shot(b, 'signin-error');
  await p.fill('#f-password', CITIZEN.password);
  await Promise.all([p.waitForURL('**/my'),
    p.locator('form.signin button[type="submit"]').click()]);
  await pageBasics(b, '/my', 'vi');
  check((await p.locator('header').innerText()).includes(CITIZEN.name),
    'the header names the citizen');
  eq(await p.locator('header form.signout button').count(), 1,
    'a sign-out button');
  await shot(b, 'my-before');
}

async function fillForm(b, def) {
  const p = b.page;
  for (const f of def.form.fields) {
    if (f.readonly) {
      // Prefilled from the applicant's record, or at submission from
      // the pupil's.
      continue;
    }
    const v = ANSWERS[f.id];
    if (f.required)
      check(v !== undefined || f.type === 'file',
        `the journey gives no value for required field ${f.id}`);
    if (v === undefined) continue;
    if (f.type === 'radio') {
      await p.locator(`input[name="${f.id}"][value="${v}"]`).check();
    } else if (f.type === 'checkbox') {
      for (const x of v)
        await p.locator(`input[name="${f.id}"][value="${x}"]`).check();
    } else if (f.type === 'select' || f.type === 'unit') {
      await p.selectOption(`#f-${f.id}`, v);
    } else {
      await p.fill(`#f-${f.id}`, v);
    }
  }
}

export async function journey(b, def) {
  const p = b.page;
  await visit(b, `/services/${SERVICE}`);
  eq(await p.locator('#f-applicant_name').inputValue(), CITIZEN.name,
    'the applicant\'s name prefilled');
  eq(await p.locator('#f-applicant_cccd').inputValue(), CITIZEN.login,
    'the CCCD prefilled');
  // First with a wrong pupil code: the error beside it, values kept.
  await fillForm(b, def);
  await p.fill('#f-student_code', '12345');
  await p.evaluate(() => document.querySelector('form#apply')
    .setAttribute('novalidate', ''));
  b.allowed.push('status of 422');
  await Promise.all([p.waitForURL(/\/apply$/),
    p.locator('form#apply button[type="submit"]').click()]);
  await p.waitForLoadState('load');
  await pageBasics(b, 'the form with errors', 'vi');
  b.allowed.length = 0;
  check((await p.locator('#f-student_code-err').innerText()).length > 0,
    'the error beside the pupil code');
  eq(await p.locator('#f-copies').inputValue(), '2', 'values kept');
  eq(await p.locator('.error-summary').count(), 1, 'an error summary');
  await shot(b, 'apply-errors');
  // Then right: every required field.
  await fillForm(b, def);
  await shot(b, 'apply-filled');
  await Promise.all([p.waitForURL(/\/dossiers\/[^/]+\/receipt$/),
    p.locator('form#apply button[type="submit"]').click()]);
  await pageBasics(b, 'the receipt', 'vi');
  const code = (await p.locator('#code').innerText()).trim();
  check(new RegExp(`^${SCHOOL.replace(/\./g, '\\.')}-[0-9]{6}-[0-9]{4}$`)
    .test(code), `dossier code ${code}`);
  check(/^[0-9]{6}$/.test((await p.locator('#pin').innerText()).trim()),
    'the PIN on the receipt');
  eq(await p.locator('figure.qr svg path').count(), 1, 'the QR code');
  await shot(b, 'receipt');
  // My applications lists it; its page shows status and history.
  await Promise.all([p.waitForURL('**/my'),
    p.locator('main a[href="/my"]').click()]);
  await pageBasics(b, '/my', 'vi');
  const link = p.locator(`main a[href="/dossiers/${code}"]`);
  eq(await link.count(), 1, 'my applications links to the new one');
  await shot(b, 'my');
  await Promise.all([p.waitForURL(`**/dossiers/${code}`), link.click()]);
  await pageBasics(b, '/dossiers/' + code, 'vi');
  check((await p.locator('#state').innerText()).length > 0, 'its state');
  check(await p.locator('ol.history li').count() >= 1, 'its history');
  await shot(b, 'dossier');
  filed = code;
  // Sign out: back to the catalogue, signed out.
  await Promise.all([p.waitForURL(BASE + '/'),
    p.locator('header form.signout button').click()]);
  await pageBasics(b, '/', 'vi');
  eq(await p.locator('header a[href="/signin"]').count(), 1, 'signed out');
}

// ---- a newcomer (phone) ---------------------------------------------------

// A CCCD nobody has: Hà Nội (001), born 2000-2009.
function newCccd() {
  const d = (n) => String(Math.floor(Math.random() * 10 ** n))
    .padStart(n, '0');
  return `001${Math.random() < 0.5 ? 2 : 3}0${d(1)}${d(6)}`;
}

// Opens /my without an account: sent to sign in, follows the link to
// register, registers (a mistake first), lands on /my signed in; the
// application form offers the schools in a list.
export async function newcomer(b) {
  const p = b.page;
  await p.context().clearCookies();
  const who = { cccd: newCccd(), name: 'Phạm Thị Mai',
    password: 'Hồ Tây lộng gió 2026' };
  await visit(b, '/my');
  eq(new URL(p.url()).pathname + new URL(p.url()).search,
    '/signin?next=/my', 'sent to sign in, then back to /my');
  eq(await p.locator('form.signin input[name="next"]').getAttribute('value'),
    '/my', 'next kept in the form');
  const link = p.locator('main a.register');
  eq(await link.count(), 1, 'a link to register');
  await shot(b, 'signin-next');
  await Promise.all([p.waitForURL('**/register?next=/my'), link.click()]);
  await pageBasics(b, '/register', 'vi');
  for (const id of ['cccd', 'full_name', 'phone', 'email', 'password',
    'password_confirm'])
    eq(await p.locator(`label[for="f-${id}"]`).count(), 1, `label of ${id}`);
  check((await p.locator('main').innerText()).includes('Sau khi đăng ký'),
    'says what happens next');
  await shot(b, 'register');
  // The passwords differ: the error beside the confirmation, the rest
  // kept, no password sent back.
  await p.fill('#f-cccd', who.cccd);
  await p.fill('#f-full_name', who.name);
  await p.fill('#f-phone', '0987654321');
  await p.fill('#f-password', who.password);
  await p.fill('#f-password_confirm', who.password + '!');
  b.allowed.push('status of 422');
  await Promise.all([p.waitForResponse((r) => r.request().method() ===
    'POST' && r.url().includes('/register')),
  p.locator('form.register button[type="submit"]').click()]);
  await p.waitForLoadState('load');
  await pageBasics(b, '/register (errors)', 'vi');
  b.allowed.length = 0;
  eq(await p.locator('#f-password_confirm').getAttribute('aria-invalid'),
    'true', 'the confirmation marked invalid');
  check((await p.locator('#f-password_confirm-err').innerText()).length > 0,
    'the error beside the confirmation');
  eq(await p.locator('#f-full_name').inputValue(), who.name, 'name kept');
  eq(await p.locator('#f-password').inputValue(), '', 'password not kept');
  await shot(b, 'register-errors');
  await p.fill('#f-password', who.password);
  await p.fill('#f-password_confirm', who.password);
  await Promise.all([p.waitForURL('**/my'),
    p.locator('form.register button[type="submit"]').click()]);
  await pageBasics(b, '/my (registered)', 'vi');
  check((await p.locator('header').innerText()).includes(who.name),
    'signed in: the header names the newcomer');
  await shot(b, 'my-newcomer');
  // The application form: the school as a list of the demo schools.
  await visit(b, `/services/${SERVICE}`);
  const pick = p.locator('select#f-school');
  eq(await pick.count(), 1, 'the school picker');
  await pick.selectOption(SCHOOL);
  eq(await pick.inputValue(), SCHOOL, 'a school chosen');
  await shot(b, 'apply-school-picker');
}

