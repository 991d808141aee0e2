"""The school picker (h_pages.c unit_choices, acct_unit_pick): a unit
field of a form is a <select> of the units of its kind from the store,
by name in Vietnamese (or English) alphabetical order, the unit code as
value; the value entered stays
selected after an error; a choice posted reaches the dossier."""
import os
import re
import subprocess
import unicodedata

from lib import assert_status, binary, check, db_url, eq, get, psql, test

import lib
from t_dossiers import PDF, SUMMER
from t_pages import HTML, page
from t_pages_citizen import (BINH, TRANSCRIPT, cookie_header, hidden, signin,
                             transcript_fields)

SCHOOLS = {"000.00.31.H26", "000.00.32.H26", "000.00.41.H26",
           "000.00.42.H26"}


def options(t, field):
    """[(value, label, selected)] of the select f-FIELD."""
    m = re.search(r'<select id="f-%s"[^>]*>(.*?)</select>' % field, t, re.S)
    check(m is not None, "no <select> for %s" % field)
    return [(v, l, bool(s)) for v, s, l in re.findall(
        r'<option value="([^"]*)"( selected)?>([^<]*)</option>', m.group(1))]


# The Vietnamese alphabet, and its vowels with their marks (NFD).
VI_ALPHABET = ("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i",
               "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t",
               "u", "ư", "v", "x", "y")
VI_MODIFIED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â",
               ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
               ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
VI_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4,
            "\u0323": 5}


def vi_key(s):
    """Vietnamese dictionary order, letters first, then tones: the
    test's own oracle, not the database's."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", s.lower()):
        if ch in VI_TONES:
            tones[-1] = VI_TONES[ch]
        elif letters and (letters[-1], ch) in VI_MODIFIED:
            letters[-1] = VI_MODIFIED[(letters[-1], ch)]
        else:
            letters.append(ch)
            tones.append(0)
    rank = [VI_ALPHABET.index(c) if c in VI_ALPHABET else
            (-1 if c == " " else 100 + ord(c)) for c in letters]
    return (rank, tones)


def schools_by_name(lang):
    col = "name_en" if lang == "en" else "name_vi"
    rows = psql("SELECT code || '|' || %s FROM units WHERE kind = 'school'"
                % col)
    out = [tuple(x.split("|", 1)) for x in rows.splitlines()]
    return sorted(out, key=lambda c: (c[1].casefold(), c[0]) if lang == "en"
                  else (vi_key(c[1]), c[0]))


# Schools whose names tell the Vietnamese order from the bytes' (C):
# "Á" and "Đ" come after "Z" in UTF-8.  Codes after the demo's, so that
# the demo's pupil codes (by school, in code order) stay as they are.
EXTRA_SCHOOLS = (("000.00.91.H26", "Trường THCS Ái Mộ", "Ai Mo"),
                 ("000.00.92.H26", "Trường THCS Đống Đa", "Dong Da"),
                 ("000.00.93.H26", "Trường THCS Dịch Vọng", "Dich Vong"))


def add_schools():
    e = dict(os.environ)
    e.update({"MOTCUA_DATABASE_URL": db_url(),
              "ASAN_OPTIONS": "detect_leaks=0"})
    for code, vi, en in EXTRA_SCHOOLS:
        if psql("SELECT count(*) FROM units WHERE code = '%s'" % code) != "0":
            continue
        p = subprocess.run([binary(), "units", "add", code, "--kind",
                            "school", "--level", "lower_secondary",
                            "--parent", "000.00.11.H26", "--vi", vi,
                            "--en", en + " Lower Secondary School"],
                           capture_output=True, text=True, timeout=60, env=e)
        check(p.returncode == 0, "units add: %s" % p.stderr[-300:])


@test("picker: a school field is a <select> of the schools by name, the "
      "code as value, in both languages")
def _():
    signin(BINH)     # the demo data
    add_schools()
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
    # In Vietnamese order, not by bytes: "Ái" and "Đống" among the others.
    names = [l for _, l, _ in options(get(TRANSCRIPT).text(), "school")[1:]]
    check(names.index("Trường THCS Ái Mộ") <
          names.index("Trường THCS Dịch Vọng") <
          names.index("Trường THCS Đống Đa") <
          names.index("Trường THCS Nghĩa Tân"), "Vietnamese order: %s" % names)
    check(names != sorted(names, key=lambda s: s.encode("utf-8")),
          "not the bytes' order")
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
