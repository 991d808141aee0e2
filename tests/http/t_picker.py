"""The school picker (h_pages.c unit_choices, acct_unit_pick): a unit
field of a form is a <select> of the units of its kind from the store,
by name (C collation), the unit code as value; the value entered stays
selected after an error; a choice posted reaches the dossier."""
import re

from lib import assert_status, check, eq, get, psql, test

import lib
from t_dossiers import PDF, SUMMER
from t_pages import (BINH, HTML, TRANSCRIPT, cookie_header, hidden, page,
                     signin, transcript_fields)

SCHOOLS = {"000.00.31.H26", "000.00.32.H26", "000.00.41.H26",
           "000.00.42.H26"}


def options(t, field):
    """[(value, label, selected)] of the select f-FIELD."""
    m = re.search(r'<select id="f-%s"[^>]*>(.*?)</select>' % field, t, re.S)
    check(m is not None, "no <select> for %s" % field)
    return [(v, l, bool(s)) for v, s, l in re.findall(
        r'<option value="([^"]*)"( selected)?>([^<]*)</option>', m.group(1))]


def schools_by_name(lang):
    col = "name_en" if lang == "en" else "name_vi"
    rows = psql("SELECT code || '|' || %s FROM units WHERE kind = 'school' "
                "ORDER BY %s COLLATE \"C\", code" % (col, col))
    return [tuple(x.split("|", 1)) for x in rows.splitlines()]


@test("picker: a school field is a <select> of the schools by name, the "
      "code as value, in both languages")
def _():
    signin(BINH)     # the demo data
    for lang in ("vi", "en"):
        r, p = page(TRANSCRIPT + ("?lang=en" if lang == "en" else ""),
                    lang=lang)
        got = options(r.text(), "school")
        eq(got[0][0], "", "a 'choose' first")
        want = schools_by_name(lang)
        eq([(v, l) for v, l, _ in got[1:]], want, "the schools (%s)" % lang)
        check(SCHOOLS <= {v for v, _, _ in got}, "the demo schools")
        check(not any(v.endswith(("01.H26", "11.H26", "12.H26"))
                      for v, _, _ in got), "no office or department")
        eq(p.ids["f-school"][0], "select", "a select, not a text box")
        check(p.labels.get("f-school"), "labelled")
        check("required" in p.ids["f-school"][1], "required")
        check("form.unit.note" not in r.text() and
              "Nhập mã đơn vị" not in r.text(), "no 'type the code' hint")
    # Vietnamese names, sorted by the bytes of UTF-8 (C collation).
    names = [l for _, l, _ in options(get(TRANSCRIPT).text(), "school")[1:]]
    eq(names, sorted(names, key=lambda s: s.encode("utf-8")), "C order")
    # Both unit fields of the transfer, in its filing window.
    r = get("/services/school-transfer", headers={"X-Motcua-Now": SUMMER})
    for f in ("sending_school", "receiving_school"):
        check(SCHOOLS <= {v for v, _, _ in options(r.text(), f)}, f)


@test("picker: the choice kept selected after an error; a choice posted "
      "reaches the dossier")
def _():
    jar, _ = signin(BINH)
    h = {"Cookie": cookie_header(jar), "X-Motcua-Now": SUMMER}
    t = get("/services/school-transfer", headers=h).text()
    base = [("csrf", hidden(t, "csrf")),
            ("idempotency_key", hidden(t, "idempotency_key")),
            ("pupil_code", "7901020000"), ("grade", "7"),
            ("sending_school", "000.00.31.H26"),
            ("receiving_school", "000.00.32.H26"),
            ("scope", "other-district"),
            ("reason", "Gia đình chuyển nơi cư trú."),
            ("start_date", "2026-09-05")]
    # Without the proof of residence: 422, the schools still selected.
    ctype, body = lib.multipart(base)
    r = lib.post("/services/school-transfer/apply", body, ctype,
                 headers=dict(h, Accept="text/html"))
    assert_status(r, 422, "no proof of residence")
    for f, code in (("sending_school", "000.00.31.H26"),
                    ("receiving_school", "000.00.32.H26")):
        sel = [v for v, _, s in options(r.text(), f) if s]
        eq(sel, [code], "%s kept selected" % f)
    # With it: filed, the receiving school in the dossier's data.
    ctype, body = lib.multipart(base + [
        ("residence_proof", "cu-tru.pdf", "application/pdf", PDF)])
    r = lib.post("/services/school-transfer/apply", body, ctype,
                 headers=dict(h, Accept="text/html"))
    assert_status(r, 303, "filed")
    code = r.header("location").split("/")[2]
    eq(psql("SELECT data->>'receiving_school' || ' ' || "
            "(data->>'sending_school') FROM dossiers WHERE code = '%s'"
            % code), "000.00.32.H26 000.00.31.H26", "the choice reached it")
    # A code that is no school (the department's): refused beside it.
    fields = transcript_fields(school="000.00.01.H26")
    t = get(TRANSCRIPT, headers={"Cookie": cookie_header(jar)}).text()
    ctype, body = lib.multipart([("csrf", hidden(t, "csrf")), (
        "idempotency_key", hidden(t, "idempotency_key"))] + fields)
    r = lib.post(TRANSCRIPT + "/apply", body, ctype, headers={
        "Cookie": cookie_header(jar), "Accept": "text/html"})
    assert_status(r, 422, "not a school")
    check('id="f-school-err"' in r.text(), "the error beside the school")
