"""Sign-in redirects (session.c, next.h): an anonymous GET of a page
that needs sign-in is sent to /signin?next=PAGE (303, audited), /signin
and /register go back there once signed in when next is a safe local
path, and to the default page otherwise (open redirects refused).  API
routes keep their 401; a signed-in user of the wrong kind gets 403."""
import urllib.parse

from lib import assert_problem, assert_status, check, eq, get, psql, test

import lib
from t_pages import FORM, HTML, page
from t_pages_citizen import AN, cookie_header, cookies_of, demo, signin
from t_pages_staff import NT_CLERK
from t_register import audit_actions, fields, post_register

DEMO_PASSWORD = "demo-motcua-2025"


def post_signin(login, next_=None, query=""):
    demo()
    d = {"login": login, "password": DEMO_PASSWORD}
    if next_ is not None:
        d["next"] = next_
    return lib.post("/signin" + query, urllib.parse.urlencode(d), FORM,
                    headers=HTML)


@test("next: anonymous GETs of pages that need sign-in go to /signin?next= "
      "(303, audited); the API keeps its 401")
def _():
    for path, want in (
            ("/my", "/signin?next=/my"),
            ("/my?lang=en", "/signin?lang=en&next=/my%3Flang%3Den"),
            ("/inbox?state=received&page=2",
             "/signin?next=/inbox%3Fstate%3Dreceived%26page%3D2"),
            ("/dossiers/000.00.31.H26-261129-0001",
             "/signin?next=/dossiers/000.00.31.H26-261129-0001"),
            ("/dossiers/000.00.31.H26-261129-0001/receipt",
             "/signin?next=/dossiers/000.00.31.H26-261129-0001/receipt"),
            ("/services/transcript-certification/apply",
             "/signin?next=/services/transcript-certification/apply"),
            ("/inbox/000.00.31.H26-261129-0001",
             "/signin?next=/inbox/000.00.31.H26-261129-0001")):
        r = get(path, headers=HTML)
        assert_status(r, 303, path)
        eq(r.header("location"), want, "%s: Location" % path)
        eq(r.header("cache-control"), "no-store", "%s: not cached" % path)
        eq(audit_actions(r), "access.denied", "%s: audited" % path)
    # HEAD too; a POST of a page is still 401; the API 401 problem+json.
    eq(lib.request("HEAD", "/my").status, 303, "HEAD /my")
    r = lib.post("/services/transcript-certification/apply", "x=1", FORM,
                 headers=HTML)
    assert_status(r, 401, "an anonymous POST")
    for path in ("/api/v1/dossiers", "/api/v1/me", "/api/v1/citizens/me"):
        assert_problem(get(path, headers={"Accept": "application/json"}),
                       401, "unauthenticated")
    # The allowlist comes after sign-in: an unknown key goes along in
    # next (a local path still) and is refused once signed in.
    r = get("/my?evil=1", headers=HTML)
    eq(r.header("location"), "/signin?next=/my%3Fevil%3D1", "sent on")


@test("next: sign-in goes back to next; the form keeps it; a signed-in "
      "user of the wrong kind still gets 403")
def _():
    _, p = page("/signin?next=/dossiers/X-1%3Flang%3Den")
    tag, a = p.controls["next"][0]
    eq((tag, a.get("type"), a.get("value")),
       ("input", "hidden", "/dossiers/X-1?lang=en"), "next in the form")
    r = post_signin(AN, "/services/transcript-certification/apply")
    assert_status(r, 303)
    eq(r.header("location"), "/services/transcript-certification/apply",
       "back to the page asked for")
    jar = cookies_of(r)
    # Which sends a citizen on to the form.
    r = get("/services/transcript-certification/apply",
            headers={"Cookie": cookie_header(jar), "Accept": "text/html"})
    assert_status(r, 303)
    eq(r.header("location"), "/services/transcript-certification", "form")
    r = get("/services/no-such/apply", headers={
        "Cookie": cookie_header(jar), "Accept": "text/html"})
    assert_status(r, 404, "an unknown service")
    r = post_signin(AN, "/my?lang=en")
    eq(r.header("location"), "/my?lang=en", "next with its query")
    # Staff signed in with next=/my: there, 403 (wrong kind), audited.
    r = post_signin(NT_CLERK, "/my")
    eq(r.header("location"), "/my", "staff sent to next")
    staff = cookies_of(r)
    for path in ("/my", "/services/transcript-certification/apply"):
        r = get(path, headers={"Cookie": cookie_header(staff),
                               "Accept": "text/html"})
        assert_status(r, 403, "staff on %s" % path)
        eq(audit_actions(r), "access.denied", "audited")
    # An inspector too; a partner token on the page: 403.
    ins, _ = signin("inspector")
    r = get("/services/transcript-certification/apply", headers={
        "Cookie": cookie_header(ins), "Accept": "text/html"})
    assert_status(r, 403, "an inspector")
    import t_dossiers
    tok = t_dossiers.partner("Cổng thử next", "--scope", "dossiers:read")
    r = get("/services/transcript-certification/apply", headers={
        "Authorization": "Bearer " + tok, "Accept": "text/html"})
    assert_status(r, 403, "a partner token")
    eq(audit_actions(r), "access.denied", "audited")
    # Without next: the defaults.
    eq(post_signin(AN).header("location"), "/my", "citizen default")
    eq(post_signin(NT_CLERK).header("location"), "/inbox", "staff default")


UNSAFE = [
    "//evil.example", "//evil.example/my", "/\\evil.example",
    "https://evil.example", "http://evil.example/my", "evil.example",
    "%2F%2Fevil.example", "/my\r\nX: 1",
    "/my\nX: 1", "/ my", "/my\\..\\x", "javascript:alert(1)", "",
    "/signin", "/signin?next=/my", "/signout", "/register", "/register?x",
    "/" + "a" * 512,
]


@test("next: open-redirect attempts go to the default page")
def _():
    for bad in UNSAFE:
        r = post_signin(AN, urllib.parse.unquote(bad)
                        if bad.startswith("%") else bad)
        # Control characters are refused by the allowlist (400) or
        # ignored; anything else signs in and goes to the default.
        check(r.status in (303, 400), "%r: %d" % (bad, r.status))
        if r.status == 303:
            eq(r.header("location"), "/my", "next %r ignored" % bad)
        r = post_register(fields(next=bad))
        check(r.status in (303, 400), "register %r: %d" % (bad, r.status))
        if r.status == 303:
            eq(r.header("location"), "/my", "register: next %r ignored"
               % bad)
        # The form does not carry it either.
        r = get("/signin?next=" + urllib.parse.quote(bad, safe=""),
                headers=HTML)
        check(r.status in (200, 400), "GET /signin %r: %d" % (bad, r.status))
        if r.status == 200:
            check('name="next"' not in r.text(), "%r kept in the form" % bad)
    # Percent signs stay percent signs: a local path, nothing injected.
    r = post_signin(AN, "/%0d%0aSet-Cookie:x=1")
    eq(r.header("location"), "/%0d%0aSet-Cookie:x=1", "still encoded")
    check("x" not in cookies_of(r), "a header injected")
    # %2F%2Fevil as sent in a URL, decoded once: //evil, refused.
    r = lib.post("/signin", "login=%s&password=%s&next=%%2F%%2Fevil.example"
                 % (AN, DEMO_PASSWORD), FORM, headers=HTML)
    eq(r.header("location"), "/my", "%2F%2Fevil")
    # A CR/LF never reaches a header.
    for r in (post_signin(AN, "/my\r\nSet-Cookie: evil=1"),
              post_register(fields(next="/my\r\nSet-Cookie: evil=1"))):
        check("evil" not in cookies_of(r), "a header injected")
        check(r.status in (303, 400), "CR/LF: %d" % r.status)
    # Registration with a safe next goes there.
    r = post_register(fields(next="/services/transcript-certification"))
    eq(r.header("location"), "/services/transcript-certification",
       "register: next")
    check(psql("SELECT 1") == "1", "the database")
