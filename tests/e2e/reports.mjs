// reports.mjs - the report page (/reports) at the phone and desktop
// sizes: the principal of THCS Nguyễn Trãi signs in, finds the form
// filled with the school and the current year, asks for this year
// with the units under it, and reads the table and its two charts
// (SVG drawn on the server: no script runs on the page), whose figures
// are the API's.  A screenshot of the form and of the report.
import { BASE, STAFF, apiToken, check, eq, pageBasics, shot } from './lib.mjs';
import { staffSignIn } from './staff.mjs';

export async function reports(b) {
  const p = b.page;
  await staffSignIn(b, STAFF.principal);
  const link = p.locator('header a[href="/reports"]');
  eq(await link.count(), 1, 'the header links to the reports');
  await Promise.all([p.waitForURL('**/reports'), link.click()]);
  await pageBasics(b, '/reports', 'vi');
  const unit = await p.locator('#r-unit').inputValue();
  eq(unit, '000.00.31.H26', 'the form names the principal\'s school');
  const from = await p.locator('#r-from').inputValue();
  const to = await p.locator('#r-to').inputValue();
  check(/^[0-9]{4}-01-01$/.test(from) && /^[0-9]{4}-01-01$/.test(to),
    `the current year: ${from} to ${to}`);
  await shot(b, 'reports-form');
  await p.locator('#r-sub').check();
  await Promise.all([p.waitForURL((u) => u.searchParams.get('unit') === unit),
    p.locator('form.report-form button[type="submit"]').click()]);
  await pageBasics(b, '/reports?unit=...', 'vi');
  eq(await p.locator('svg.chart-bar').count() >= 2, true,
    'a bar per service and the total');
  eq(await p.locator('svg.chart-rates text.label').count(), 6,
    'the six indicators');
  const tok = await apiToken(STAFF.principal);
  const r = await fetch(`${BASE}/api/v1/reports/one-stop?unit=${unit}` +
    `&from=${from}&to=${to}&subunits=1`,
  { headers: { Authorization: `Bearer ${tok}` } });
  eq(r.status, 200, 'the API answers the same report');
  const j = await r.json();
  const cell = p.locator('table.report-table tr.c-received td').last();
  eq(await cell.innerText(), String(j.total.counts.received),
    'the table\'s total received is the API\'s');
  const late = p.locator('table.report-table tr.r-on_time td').last();
  eq(await late.innerText(), j.total.indicators.on_time.percent || '–',
    'the on-time rate is the API\'s');
  eq(await p.evaluate(() => document.scripts.length), 0, 'no script');
  await shot(b, 'reports');
}
