#!/usr/bin/env node
// Browser tests of Motcua's pages: playwright-core driving Debian's
// Chromium (/usr/bin/chromium), headless.  No browser is downloaded.
//
//   MOTCUA_TEST_URL  http://127.0.0.1:PORT (nginx of a running stack)
//   MOTCUA_TEST_OUT  where the screenshots go (a PNG per page and size)
//   CHROMIUM         the browser (default /usr/bin/chromium)
//
// Prints "ok   NAME" or "FAIL NAME: REASON" per case, then
// "N passed, M failed"; exits 1 if any failed.  Arguments, if any, are
// substrings: only the cases whose names hold one of them run.
//
// The citizen at a phone-sized viewport (390x844): the catalogue, a
// service page with its application form (labels, required markers,
// hints, every field of the definition), no horizontal scroll, the
// keyboard reaching the submit button, the language switch, the
// lookup form; then the same pages at desktop size (1280x800).
//
// Then the citizen's journey at the phone size: sign in (a wrong
// password first), the form prefilled, a wrong pupil code answered
// beside its field, every required field filled, the receipt (code,
// PIN, QR code), "my applications", the dossier page, sign out.  The
// demo citizen and pupils must be in the stack (motcua demo).  Then a
// newcomer: opens /my anonymously, is sent to sign in, follows the link
// to register, registers (a mistake first), lands on /my; the
// application form offers the schools in a list.
//
// Then the staff's journey at desktop size: the clerk of THCS Nguyễn
// Trãi signs in (to the inbox), types the code of the dossier the
// citizen filed (or one filed through the API when that journey did not
// run) in the inbox's search box, opens it and receives it; the
// academic officer and the principal, each finding it the same way,
// verify and approve it.  A screenshot of each page.
//
// The cases are in pages.mjs (the pages at both sizes), journey.mjs (the
// citizen's journey, a newcomer), citizen.mjs (at the phone size, the
// citizen answers a supplement request from the dossier page and, once
// the staff finish the dossier, rates it) and staff.mjs (the staff's
// journey), reports.mjs (the report page at both sizes); lib.mjs: what
// the files share.
import { mkdirSync } from 'node:fs';

import { BASE, DESKTOP, Failure, OUT, PHONE, SERVICE, WANT, fileThroughApi,
  oneLine, open, pageBasics } from './lib.mjs';
import { catalogue, definition, english, keyboard, lookup, service,
  skipLink } from './pages.mjs';
import { filed, journey, newcomer, signIn } from './journey.mjs';
import { citizenActions } from './citizen.mjs';
import { staffJourney } from './staff.mjs';
import { inspectorDesk, receivedThroughApi } from './inspect.mjs';
import { reports } from './reports.mjs';

let passed = 0;
let failed = 0;

async function run(name, fn) {
  if (WANT.length && !WANT.some((w) => name.includes(w))) return;
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    const why = e instanceof Failure ? e.message : `${e.name}: ${e.message}`;
    console.log(`FAIL ${name}: ${oneLine(why)}`);
  }
}

async function main() {
  if (!BASE) {
    console.log('FAIL environment: MOTCUA_TEST_URL is not set');
    console.log('0 passed, 1 failed');
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  let def;
  await run('e2e: the definition of the transcript service', async () => {
    def = await definition();
  });
  if (!def) {
    console.log(`${passed} passed, ${failed} failed`);
    return 1;
  }
  for (const device of [PHONE, DESKTOP]) {
    let b;
    await run(`e2e ${device.name}: Chromium starts`, async () => {
      b = await open(device);
    });
    if (!b) continue;
    const n = device.name;
    try {
      await run(`e2e ${n}: catalogue lists the open services`, async () => {
        await catalogue(b);
      });
      await run(`e2e ${n}: catalogue -> service page by its link`, async () => {
        const link = await catalogue(b);
        await Promise.all([b.page.waitForURL(`**/services/${SERVICE}`),
          link.click()]);
        await pageBasics(b, 'the service page', 'vi');
      });
      await run(`e2e ${n}: service page: requirements and every field`,
        async () => { await service(b, def); });
      await run(`e2e ${n}: keyboard: Tab reaches the submit button`,
        async () => { await keyboard(b); });
      await run(`e2e ${n}: keyboard: skip link to main`, async () => {
        await skipLink(b);
      });
      await run(`e2e ${n}: English with ?lang=en, kept by the cookie`,
        async () => { await english(b, def); });
      await run(`e2e ${n}: lookup form and its errors`, async () => {
        await lookup(b);
      });
      if (device === PHONE) {
        let signedIn = false;
        await run(`e2e ${n}: citizen signs in (errors beside the fields)`,
          async () => { await signIn(b); signedIn = true; });
        if (signedIn)
          await run(`e2e ${n}: citizen applies, gets the receipt, finds ` +
            'it in my applications', async () => { await journey(b, def); });
        await run(`e2e ${n}: citizen answers a supplement request, then ` +
          'rates the completed dossier', async () => {
          await citizenActions(b);
        });
        await run(`e2e ${n}: a newcomer: /my -> sign in -> register -> ` +
          '/my; the school picker', async () => { await newcomer(b); });
      } else {
        await run(`e2e ${n}: staff: the clerk receives, the academic ` +
          'officer verifies, the principal approves', async () => {
          await staffJourney(b, filed || await fileThroughApi());
        });
      }
      await run(`e2e ${n}: inspector: the audit trail, searched by a ` +
        'dossier, and its control sheet', async () => {
        await inspectorDesk(b, await receivedThroughApi(
          await fileThroughApi()));
      });
    } finally {
      await b.close();
    }
  }
  // The report page at both sizes, in a browser of its own.
  for (const device of [PHONE, DESKTOP]) {
    let b;
    await run(`e2e ${device.name}: reports: the form, the table and its ` +
      'charts', async () => {
      b = await open(device);
      await reports(b);
    });
    if (b) await b.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

// Never hang a test run.
const guard = setTimeout(() => {
  console.log('FAIL e2e: gave up after 240 s');
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, 240000);

main().then((rc) => {
  clearTimeout(guard);
  process.exit(rc);
}, (e) => {
  console.log(`FAIL e2e: ${oneLine(e.stack || e)}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
