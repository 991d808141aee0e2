"""One conversion of input to typed values (app/json.h): a decimal is
stored the same whether it came as a JSON number or a JSON string
through the API, or typed into the application page's form.  A copy of
the tree whose transcript form asks for its number of copies as a
decimal is served for the test."""
import os
import re
import shutil

from lib import assert_status, check, eq, psql, test

import t_dossiers
import t_pages_citizen
import t_services

FIELD = ('<field id="copies" type="integer" required="true" min="1" '
         'max="10">')
DECIMAL = ('<field id="copies" type="decimal" required="true" min="1" '
           'max="100000000">')


def _stored(code):
    return psql("SELECT data->>'copies' FROM dossiers WHERE code = '%s'"
                % code)


def _by_api(value):
    r = t_dossiers.submit("transcript-certification",
                          t_dossiers.transcript(copies=value))
    return _stored(r["code"])


def _by_page(jar, text):
    r = t_pages_citizen.apply(jar, t_pages_citizen.transcript_fields(
        copies=text))
    assert_status(r, 303, "apply with copies=%s" % text)
    m = re.match(r"^/dossiers/([^/]+)/receipt$", r.header("location") or "")
    check(m is not None, "the receipt's address: %r" % r.header("location"))
    return _stored(m.group(1))


@test("decimals: a JSON number, a JSON string and a form value store one "
      "decimal alike")
def _():
    tmp = t_services._copy_root()
    try:
        path = os.path.join(tmp, "forms", "transcript-certification.xml")
        with open(path, encoding="utf-8") as f:
            form = f.read()
        check(FIELD in form, "the copies field as this test knows it")
        with open(path, "w", encoding="utf-8") as f:
            f.write(form.replace(FIELD, DECIMAL, 1))
        t_services._restart(tmp)
        jar, _ = t_pages_citizen.signin(t_pages_citizen.AN)
        for number, string, typed in ((1234.5678, "1234.5678", "1234,5678"),
                                      (8.5, "8.50", "8,5"),
                                      (1e7, "10000000", "10000000,0")):
            want = _by_page(jar, typed)
            eq(_by_api(number), want, "the API's %r beside the page's %r"
               % (number, typed))
            eq(_by_api(string), want, "the API's %r beside the page's %r"
               % (string, typed))
    finally:
        t_services._restart(None)
        shutil.rmtree(tmp, ignore_errors=True)
