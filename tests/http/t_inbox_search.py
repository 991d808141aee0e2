"""Finding one dossier by its code: GET /api/v1/dossiers?code= and the
staff inbox's search box (/inbox?code=).  The whole code (lower case
taken as upper), combined with the other filters, inside what the
viewer may already list: another unit's clerk finds nothing, exactly as
for a code that does not exist.

Helpers are t_dossiers.py's (bearer tokens, filing), t_pages.py's
(page checks) and t_pages_citizen.py's (page sign-in, cookies)."""
import urllib.parse

from lib import assert_html_error, assert_problem, assert_status, check, eq
from lib import get, test
from t_dossiers import AN, BINH, api, submit, transcript
from t_pages import Page
from t_pages_citizen import cookie_header, signin

import t_dossiers

TRANSCRIPT = "transcript-certification"
NT_CLERK, NGT_CLERK = "clerk.thcs-nt", "clerk.thcs-ngt"


def setup():
    t_dossiers.setup()


def listed(who, **query):
    r = api("GET", "/api/v1/dossiers?" + urllib.parse.urlencode(query),
            who=who)
    assert_status(r, 200, "list as %s: %r" % (who, query))
    return [d["code"] for d in r.json()["dossiers"]]


def inbox_page(jar, query, status=200):
    r = get("/inbox?" + query, headers={"Cookie": cookie_header(jar),
                                        "Accept": "text/html"})
    assert_status(r, status, "/inbox?" + query)
    return r


@test("inbox search: the API finds a dossier by its whole code")
def _():
    code = submit(TRANSCRIPT, transcript())["code"]
    eq(listed(NT_CLERK, code=code), [code], "the clerk finds it")
    eq(listed(NT_CLERK, code=code.lower()), [code], "typed in lower case")
    eq(listed(NT_CLERK, code=code, state="submitted"), [code],
       "with its state")
    eq(listed(NT_CLERK, code=code, state="checking"), [],
       "with another state")
    eq(listed(NT_CLERK, code=code, service="school-transfer"), [],
       "with another service")
    eq(listed(NT_CLERK, code=code, overdue="false"), [code],
       "not overdue")
    eq(listed(AN, code=code), [code], "its applicant")
    eq(listed("inspector", code=code), [code], "the inspector")
    # Outside what the viewer may list: nothing, as for no such code.
    missing = code[:-4] + ("9999" if not code.endswith("9999") else "9998")
    for who in (NGT_CLERK, BINH):
        eq(listed(who, code=code), [], "%s searching %s" % (who, code))
        eq(listed(who, code=missing), [], "%s searching no dossier" % who)
    eq(listed(NGT_CLERK, code=code, box="all"), [],
       "another school's handled list")


@test("inbox search: a value that is not a whole code is 422 naming code")
def _():
    code = submit(TRANSCRIPT, transcript())["code"]
    unit = code.rsplit("-", 2)[0]
    for bad in ("", "abc", unit, unit + "-", code[:-1], code + "%",
                code + "_", "%", "' OR '1'='1", code + " ", "-" + code,
                unit + "..X-261129-0001", "Ư" + code):
        r = api("GET", "/api/v1/dossiers?" +
                urllib.parse.urlencode({"code": bad}), who=NT_CLERK)
        j = assert_problem(r, 422, "invalid-field", field="code")
        check(j.get("detail_vi"), "a Vietnamese detail for %r" % bad)
    r = api("GET", "/api/v1/dossiers?code=" + "A" * 81, who=NT_CLERK)
    check(r.status in (413, 422), "an 81-byte code: %d" % r.status)
    jar, _ = signin(NT_CLERK)
    for bad in ("abc", unit, code + "%"):
        r = inbox_page(jar, urllib.parse.urlencode({"code": bad}), 422)
        assert_html_error(r, 422)


@test("inbox search: the inbox's search box, with the other filters")
def _():
    code = submit(TRANSCRIPT, transcript())["code"]
    jar, _ = signin(NT_CLERK)
    # The box: labelled, empty at first.
    p = Page(inbox_page(jar, "").text())
    eq(p.ids.get("f-code", ("",))[0], "input", "a search box")
    eq(p.ids["f-code"][1].get("name"), "code", "named code")
    eq(p.labels.get("f-code", "").strip(), "Mã hồ sơ", "its label")
    # Found, and the code kept in the box; lower case too.
    inbox_page(jar, "code=&service=&state=&due=")   # no search: all
    for typed in (code, code.lower()):
        q = urllib.parse.urlencode({"code": typed, "service": "",
                                    "state": "", "due": ""})
        p = Page(inbox_page(jar, q).text())
        check("/inbox/" + code in p.links, "found by %r" % typed)
        eq(len([x for x in p.links if x.startswith("/inbox/")]), 1,
           "only it")
        eq(p.ids["f-code"][1].get("value"), code, "the code kept")
    p = Page(inbox_page(jar, "state=submitted&code=" + code).text())
    check("/inbox/" + code in p.links, "with its state")
    p = Page(inbox_page(jar, "state=checking&code=" + code).text())
    check("/inbox/" + code not in p.links and "empty" in p.ids,
          "with another state: none")
    p = Page(inbox_page(jar, "lang=en&code=" + code).text())
    eq(p.labels.get("f-code", "").strip(), "Application code",
       "the English label")
    check("/inbox/" + code + "?lang=en" in p.links, "found in English")
    # Another school's clerk: nothing, as for a code that is not there.
    other, _ = signin(NGT_CLERK)
    t = inbox_page(other, "code=" + code).text()
    p = Page(t)
    check("/inbox/" + code not in p.links and "empty" in p.ids,
          "another school's clerk finds nothing")
    check(code in p.ids["f-code"][1].get("value", ""),
          "only the searched code is shown back")
    r = get("/inbox/" + code, headers={"Cookie": cookie_header(other),
                                       "Accept": "text/html"})
    check(r.status in (403, 404), "and not the page: %d" % r.status)
