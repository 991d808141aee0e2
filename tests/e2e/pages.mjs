// pages.mjs - what the public pages must show, at both sizes: the
// catalogue, a service page with its application form (labels, required
// markers, hints, every field of the definition, the school picker), the
// keyboard reaching the submit button, the skip link, the language
// switch, the lookup form and its errors.  A screenshot of each.
import { BASE, Failure, SCHOOLS, SERVICE, check, eq, pageBasics, shot,
  visit } from './lib.mjs';

export async function definition() {
  const r = await fetch(`${BASE}/api/v1/services/${SERVICE}`);
  check(r.ok, `GET /api/v1/services/${SERVICE}: ${r.status}`);
  return r.json();
}

export async function catalogue(b) {
  await visit(b, '/');
  const link = b.page.locator(`a[href="/services/${SERVICE}"]`);
  eq(await link.count(), 1, 'one link to the transcript service');
  check((await link.innerText()).startsWith('Xác nhận'), 'Vietnamese name');
  const text = await b.page.locator('main').innerText();
  check(text.includes('Miễn phí'), 'the fee is shown');
  check(text.includes('2 ngày làm việc'), 'the deadline is shown');
  await shot(b, 'catalogue');
  return link;
}

async function checkForm(b, def) {
  const p = b.page;
  const form = p.locator('form#apply');
  eq(await form.count(), 1, 'one application form');
  eq(await form.getAttribute('method'), 'post', 'form method');
  eq(await form.getAttribute('action'), `/services/${SERVICE}/apply`,
    'form action');
  eq(await form.getAttribute('enctype'), 'multipart/form-data',
    'multipart (the form has files)');
  eq(await p.locator('form#apply fieldset.section > legend').allInnerTexts(),
    def.form.sections.map((s) => s.title.vi), 'sections as fieldsets');
  for (const f of def.form.fields) {
    const what = `field ${f.id} (${f.type})`;
    const group = f.type === 'radio' || f.type === 'checkbox';
    if (group && !f.readonly) {
      const fs = p.locator('fieldset.group').filter({
        has: p.locator(`input[name="${f.id}"]`) });
      eq(await fs.count(), 1, `${what}: a fieldset`);
      const legend = (await fs.locator('legend').innerText()).trim();
      check(legend.startsWith(f.label.vi), `${what}: legend "${legend}"`);
      eq(await fs.locator('legend .req').count(), f.required ? 1 : 0,
        `${what}: required marker`);
      const boxes = fs.locator(`input[name="${f.id}"]`);
      eq(await boxes.count(), f.options.length, `${what}: one input each`);
      for (let i = 0; i < f.options.length; i++) {
        const id = await boxes.nth(i).getAttribute('id');
        const lab = p.locator(`label[for="${id}"]`);
        eq(await lab.innerText(), f.options[i].label.vi,
          `${what}: option ${i + 1} label`);
        eq(await boxes.nth(i).getAttribute('type'), f.type, `${what}: type`);
      }
      continue;
    }
    const input = p.locator(`#f-${f.id}`);
    eq(await input.count(), 1, `${what}: a control with id f-${f.id}`);
    const label = p.locator(`label[for="f-${f.id}"]`);
    eq(await label.count(), 1, `${what}: a label bound to it`);
    check((await label.innerText()).startsWith(f.label.vi),
      `${what}: label text`);
    eq(await label.locator('.req').count(), f.required && !f.readonly ? 1 : 0,
      `${what}: required marker`);
    if (f.readonly) {
      eq(await input.getAttribute('name'), null, `${what}: not sent`);
      check(await input.getAttribute('readonly') !== null,
        `${what}: readonly`);
    } else {
      eq(await input.getAttribute('name'), f.id, `${what}: name`);
      eq(await input.getAttribute('required') !== null, !!f.required,
        `${what}: required attribute`);
    }
    // Hints are read with the control.
    if (f.hint) {
      const ids = ((await input.getAttribute('aria-describedby')) || '')
        .split(' ').filter(Boolean);
      check(ids.length > 0, `${what}: aria-describedby`);
      const hint = await p.locator(`#${ids[0]}`).innerText();
      check(hint.includes(f.hint.vi), `${what}: hint "${hint}"`);
    }
    const tag = await input.evaluate((e) => e.tagName.toLowerCase());
    const type = await input.getAttribute('type');
    const want = {
      text: ['input', 'text'], textarea: ['textarea', null],
      integer: ['input', 'number'], decimal: ['input', 'text'],
      date: ['input', 'date'], select: ['select', null],
      boolean: ['input', 'checkbox'], cccd: ['input', 'text'],
      phone: ['input', 'tel'], email: ['input', 'email'],
      unit: ['select', null], file: ['input', 'file'],
    }[f.type];
    if (!f.readonly)
      eq([tag, type], want, `${what}: control`);
    if (f.type === 'file')
      eq(await input.getAttribute('accept'), f.accept.join(','),
        `${what}: accept`);
    if (f.type === 'select')
      eq(await input.locator('option').count(), f.options.length + 1,
        `${what}: options and "choose"`);
    // A unit field: the school picker, the demo schools by name.
    if (f.type === 'unit' && !f.readonly) {
      const values = await input.locator('option').evaluateAll((os) =>
        os.map((o) => o.value));
      for (const code of SCHOOLS)
        check(values.includes(code), `${what}: school ${code} offered`);
      const names = (await input.locator('option').allInnerTexts()).slice(1);
      eq(names, [...names].sort(new Intl.Collator('vi').compare),
        `${what}: schools in Vietnamese order`);
    }
    if (f.maxlength && !f.readonly)
      eq(await input.getAttribute('maxlength'), String(f.maxlength),
        `${what}: maxlength`);
  }
  const submit = p.locator('form#apply button[type="submit"]');
  eq(await submit.count(), 1, 'one submit button');
  const box = await submit.boundingBox();
  check(box && box.height >= 44, `submit button is ${box && box.height}px high`);
}

export async function service(b, def) {
  await visit(b, `/services/${SERVICE}`);
  eq(await b.page.locator('h1').innerText(), def.name.vi, 'h1');
  const main = await b.page.locator('main').innerText();
  check(main.includes('Miễn phí') && main.includes('2 ngày làm việc'),
    'fee and deadline');
  check(main.includes('1.005094'), 'catalogue code');
  await checkForm(b, def);
  await shot(b, 'service');
}

// Tab from the top of the page: first the skip link, and on until
// the submit button, every stop visible.
export async function keyboard(b) {
  const p = b.page;
  await visit(b, `/services/${SERVICE}`);
  await p.evaluate(() => document.activeElement && document.activeElement.blur());
  await p.keyboard.press('Tab');
  eq(await p.evaluate(() => document.activeElement.className), 'skip',
    'the first stop is the skip link');
  const seen = [];
  for (let i = 0; i < 200; i++) {
    await p.keyboard.press('Tab');
    const a = await p.evaluate(() => {
      const e = document.activeElement;
      const r = e.getBoundingClientRect();
      return { tag: e.tagName, type: e.type || '', name: e.name || '',
        id: e.id, w: r.width, h: r.height,
        submit: e.matches('form#apply button[type="submit"]') };
    });
    seen.push(a.id || a.name || a.tag);
    check(a.w > 0 && a.h > 0, `stop ${i + 1} (${a.tag} ${a.id}) is invisible`);
    if (a.submit) {
      // Every field came before it.
      for (const name of ['phone', 'student_code', 'copies', 'purpose'])
        check(seen.includes(`f-${name}`), `the tab order skips ${name}`);
      return;
    }
  }
  throw new Failure(`200 tabs and no submit button (${seen.slice(-5)})`);
}

export async function skipLink(b) {
  const p = b.page;
  await visit(b, '/');
  await p.keyboard.press('Tab');
  const box = await p.locator('a.skip').boundingBox();
  check(box && box.y >= 0, 'the skip link shows when focused');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => location.hash === '#main');
  eq(await p.evaluate(() => document.activeElement.id), 'main',
    'focus moved to main');
}

export async function english(b, def) {
  const p = b.page;
  await visit(b, `/services/${SERVICE}`);
  await p.locator('nav a[hreflang="en"]').click();
  await p.waitForURL(/lang=en/);
  await pageBasics(b, 'the English page', 'en');
  eq(await p.locator('h1').innerText(), def.name.en, 'English h1');
  const lab = await p.locator('label[for="f-student_code"]').innerText();
  check(lab.startsWith(def.form.fields.find((f) => f.id === 'student_code')
    .label.en), `English label "${lab}"`);
  check((await p.locator('button[type="submit"]').innerText())
    .includes('Submit'), 'English submit');
  await shot(b, 'service-en');
  // The language is kept: the cookie, and the links.
  await p.locator('nav a[href^="/?"], nav a[href="/"]').first().click();
  await p.waitForLoadState('load');
  eq(await p.getAttribute('html', 'lang'), 'en', 'catalogue stays English');
  // And back.
  await p.locator('nav a[hreflang="vi"]').click();
  await p.waitForURL(/lang=vi/);
  eq(await p.getAttribute('html', 'lang'), 'vi', 'back to Vietnamese');
}

export async function lookup(b) {
  const p = b.page;
  await visit(b, '/lookup');
  for (const id of ['code', 'pin']) {
    eq(await p.locator(`label[for="f-${id}"]`).count(), 1, `label of ${id}`);
    eq(await p.locator(`#f-${id}[required]`).count(), 1, `${id} required`);
  }
  await shot(b, 'lookup');
  // A code of the wrong shape: the error beside the field, the value
  // kept, the PIN not echoed.
  await p.fill('#f-code', 'not-a-code');
  await p.fill('#f-pin', '123456');
  // Posted: the PIN is in no URL.
  await Promise.all([p.waitForResponse((r) => r.request().method() ===
    'POST' && r.url() === `${BASE}/lookup`),
  p.locator('form.lookup button[type="submit"]').click()]);
  await p.waitForLoadState('load');
  check(!p.url().includes('123456'), `the PIN in the URL: ${p.url()}`);
  // The answer is 422: Chromium logs that, and nothing else may show.
  b.problems.splice(0, b.problems.length, ...b.problems.filter((x) =>
    !x.includes('status of 422')));
  await pageBasics(b, 'POST /lookup', 'vi');
  eq(await p.locator('#f-code').getAttribute('aria-invalid'), 'true',
    'code marked invalid');
  check((await p.locator('#f-code-err').innerText()).length > 0,
    'error text beside the code');
  eq(await p.locator('#f-code').inputValue(), 'not-a-code', 'value kept');
  eq(await p.locator('#f-pin').inputValue(), '', 'PIN not echoed');
  await shot(b, 'lookup-error');
}
