"""The citizen's pages (h_pages_citizen.c): signing in and out, the
application form prefilled and its errors, applying, the receipt, my
applications and the dossier page.  Here too the sign-in helpers the
other page tests share (demo, signin, cookies, hidden fields, filing
through the form).  Page checks are t_pages.py's."""
import os
import re
import subprocess
import urllib.parse

from lib import ROOT, assert_status, check, eq, get, short, test

import lib
from t_pages import FORM, HTML, MAX_PAGE, Page, page

DEMO_PASSWORD = "demo-motcua-2025"
AN, BINH = "001090012345", "001195006789"     # the demo citizens
SCHOOL_NT = "000.00.31.H26"
PUPIL_7_NT = "7901020000"
TRANSCRIPT = "/services/transcript-certification"
_demo_loaded = []


def demo():
    """The demo users and pupils (motcua demo is idempotent), once."""
    if _demo_loaded:
        return
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": lib.db_url(),
              "ASAN_OPTIONS": "detect_leaks=0"})
    p = subprocess.run([lib.binary(), "demo"], capture_output=True,
                       text=True, timeout=120, env=e)
    check(p.returncode == 0, "motcua demo exited %d: %s"
          % (p.returncode, p.stderr[-400:]))
    _demo_loaded.append(1)


def cookies_of(r):
    """name -> value of the response's Set-Cookie headers."""
    out = {}
    for c in r.headers.get("set-cookie", []):
        name, _, rest = c.partition("=")
        out[name.strip()] = rest.split(";", 1)[0]
    return out


def cookie_header(jar):
    return "; ".join("%s=%s" % kv for kv in jar.items())


def signin(login, password=DEMO_PASSWORD):
    """Sign in through the page: the cookie jar (session cookie)."""
    demo()
    r = lib.post("/signin", urllib.parse.urlencode(
        {"login": login, "password": password}), FORM, headers=HTML)
    assert_status(r, 303, "sign in as %s" % login)
    jar = cookies_of(r)
    check(len(jar.get("motcua_session", "")) == 64, "no session cookie: %r"
          % r.headers.get("set-cookie"))
    return jar, r


def hidden(t, name):
    m = re.search(r'name="%s" value="([^"]*)"' % name, t)
    check(m is not None, "no hidden %s in the form" % name)
    return m.group(1)


def transcript_fields(**extra):
    d = [("applicant_relation", "parent"), ("phone", "0912345678"),
         ("school", SCHOOL_NT), ("student_code", PUPIL_7_NT),
         ("school_years", "2023-2024"), ("school_years", "2024-2025"),
         ("copies", "2"), ("purpose", "further-study"),
         ("delivery", "electronic")]
    drop = extra.pop("drop", ())
    d = [(k, v) for k, v in d if k not in drop and k not in extra]
    d += list(extra.items())
    return d


def apply(jar, fields, csrf=True):
    """GET the form, POST it (multipart, an empty file input as a
    browser sends it) with its csrf and idempotency key."""
    _, p = page(TRANSCRIPT, headers={"Cookie": cookie_header(jar)})
    t = get(TRANSCRIPT, headers={"Cookie": cookie_header(jar)}).text()
    parts = [("idempotency_key", hidden(t, "idempotency_key"))]
    if csrf:
        parts.append(("csrf", hidden(t, "csrf")))
    parts += fields + [("authorization", "", "application/octet-stream",
                        b"")]
    ctype, body = lib.multipart(parts)
    return lib.post(TRANSCRIPT + "/apply", body, ctype,
                    headers={"Cookie": cookie_header(jar),
                             "Accept": "text/html"})


@test("pages: the application form posted again with its key: the same "
      "values give the receipt, other values 422")
def _():
    jar, _ = signin(AN)
    t = get(TRANSCRIPT, headers={"Cookie": cookie_header(jar)}).text()
    key, csrf = hidden(t, "idempotency_key"), hidden(t, "csrf")

    def post_with(fields):
        parts = [("idempotency_key", key), ("csrf", csrf)] + fields
        ctype, body = lib.multipart(parts)
        return lib.post(TRANSCRIPT + "/apply", body, ctype,
                        headers={"Cookie": cookie_header(jar),
                                 "Accept": "text/html"})

    r1 = post_with(transcript_fields())
    assert_status(r1, 303, "filed")
    r2 = post_with(transcript_fields())
    assert_status(r2, 303, "the same again")
    eq(r2.header("location"), r1.header("location"), "the same receipt")
    r = post_with(transcript_fields(copies="5"))
    assert_status(r, 422, "other values, the same key")
    check("Idempotency-Key" in r.text() and "location" not in r.headers,
          "says why, files nothing: %s" % short(r.text()))


@test("pages: GET /signin; errors beside the fields, the login kept")
def _():
    demo()
    _, p = page("/signin")
    check(p.labels.get("f-login", "").startswith(
        "Số CCCD hoặc tên đăng nhập"), "the login's label")
    check("f-password" in p.labels, "the password has a label")
    eq(p.controls["password"][0][1].get("type"), "password", "type")
    _, p = page("/")
    check("/signin" in p.links, "the header links to /signin")
    # Missing password: 422, the error beside it, the login kept.
    r = lib.post("/signin", "login=" + AN + "&password=", FORM,
                 headers=HTML)
    assert_status(r, 422)
    p = Page(r.text())
    check("f-password-err" in p.ids, "no error beside the password")
    eq(p.controls["login"][0][1].get("value"), AN, "the login kept")
    eq(p.ids["f-password"][1].get("aria-invalid"), "true", "aria-invalid")
    r = lib.post("/signin", "login=&password=x", FORM, headers=HTML)
    assert_status(r, 422)
    check("f-login-err" in Page(r.text()).ids, "no error beside the login")
    # A wrong password: 401, no cookie, the login kept.
    r = lib.post("/signin", "login=" + BINH + "&password=wrong-password",
                 FORM, headers=HTML)
    assert_status(r, 401)
    check("motcua_session" not in cookies_of(r), "a cookie for a failure")
    t = r.text()
    check("không đúng" in t, "the wrong-password message: %s" % short(t))
    eq(Page(t).controls["login"][0][1].get("value"), BINH, "login kept")
    # Login CSRF: a form posted from another site is refused.
    r = lib.post("/signin", urllib.parse.urlencode(
        {"login": AN, "password": DEMO_PASSWORD}), FORM,
        headers={"Accept": "text/html", "Origin": "https://evil.example"})
    assert_status(r, 403)
    check("motcua_session" not in cookies_of(r), "signed in from evil")
    # Only a Referer, from another site; "null" (a sandboxed frame, a
    # page hiding its address); no origin at all: refused, audited.
    for h in ({"Origin": None, "Referer": "https://evil.example/signin"},
              {"Origin": "null"}, {"Origin": None}):
        h["Accept"] = "text/html"
        r = lib.post("/signin", urllib.parse.urlencode(
            {"login": AN, "password": DEMO_PASSWORD}), FORM, headers=h)
        assert_status(r, 403, "sign-in with %s" % h)
        check("motcua_session" not in cookies_of(r), "signed in: %s" % h)
    # From our own origin: signed in, to "my applications".
    host = lib.URL.split("://", 1)[1].rstrip("/")
    r = lib.post("/signin", urllib.parse.urlencode(
        {"login": AN, "password": DEMO_PASSWORD}), FORM,
        headers={"Accept": "text/html", "Origin": "http://" + host,
                 "Host": host})
    assert_status(r, 303)
    eq(r.header("location"), "/my", "a citizen goes to /my")
    # Staff: their inbox, linked from the header of every page.
    jar, r = signin("clerk.thcs-nt")
    eq(r.header("location"), "/inbox", "staff go to /inbox")
    _, p = page("/", headers={"Cookie": cookie_header(jar)})
    check("/inbox" in p.links, "the header links to the inbox")


@test("pages: signed in: the header names the user; sign-out needs csrf")
def _():
    jar, _ = signin(AN)
    _, p = page("/", headers={"Cookie": cookie_header(jar)})
    text = p.all_text()
    check("Nguyễn Văn An" in text and "Đăng xuất" in text,
          "name and sign-out in the header: %s" % short(text))
    check("/signin" not in p.links, "no sign-in link when signed in")
    t = get("/", headers={"Cookie": cookie_header(jar)}).text()
    csrf = hidden(t, "csrf")
    r = lib.post("/signout", "", FORM, headers={
        "Cookie": cookie_header(jar), "Accept": "text/html"})
    assert_status(r, 403, "sign-out without csrf")
    r = lib.post("/signout", "csrf=" + csrf, FORM, headers={
        "Cookie": cookie_header(jar), "Accept": "text/html"})
    assert_status(r, 303)
    eq(r.header("location"), "/", "signed out, to /")
    r = get("/my", headers={"Cookie": cookie_header(jar),
                            "Accept": "text/html"})
    assert_status(r, 303, "the session ended: to sign in")
    eq(r.header("location"), "/signin?next=/my", "sign in, then /my")


@test("pages: the form prefilled; errors beside the fields, values kept")
def _():
    jar, _ = signin(AN)
    _, p = page(TRANSCRIPT, headers={"Cookie": cookie_header(jar)})
    eq(p.ids["f-applicant_name"][1].get("value"), "Nguyễn Văn An",
       "the applicant's name prefilled")
    eq(p.ids["f-applicant_cccd"][1].get("value"), AN, "CCCD prefilled")
    r = apply(jar, transcript_fields(student_code="12345",
                                     drop=("purpose",)))
    assert_status(r, 422)
    check(len(r.body) < MAX_PAGE, "the page with errors is small")
    p = Page(r.text())
    for f in ("student_code", "purpose"):
        check("f-%s-err" % f in p.ids, "no error beside %s" % f)
    eq(p.ids["f-student_code"][1].get("value"), "12345", "value kept")
    eq(p.ids["f-phone"][1].get("value"), "0912345678", "phone kept")
    checked = [a.get("value") for _, a in p.controls["school_years"]
               if "checked" in a]
    eq(sorted(checked), ["2023-2024", "2024-2025"], "checkboxes kept")
    check("error-summary" in r.text(), "an error summary on top")
    # Without the form token: refused.
    r = apply(jar, transcript_fields(), csrf=False)
    assert_status(r, 403, "apply without csrf")
    # Anonymous: sign in first.
    ctype, body = lib.multipart(transcript_fields())
    r = lib.post(TRANSCRIPT + "/apply", body, ctype, headers=HTML)
    assert_status(r, 401, "anonymous apply")


@test("pages: apply -> receipt (code, PIN once, QR) -> my -> dossier")
def _():
    jar, _ = signin(AN)
    r = apply(jar, transcript_fields())
    assert_status(r, 303, "apply")
    loc = r.header("location")
    m = re.match(r"^/dossiers/(%s-[0-9]{6}-[0-9]{4})/receipt$"
                 % re.escape(SCHOOL_NT), loc or "")
    check(m is not None, "redirect to the receipt: %r" % loc)
    code = m.group(1)
    rc = cookies_of(r)
    check("motcua_receipt" in rc, "no receipt cookie")
    check("pin" not in loc, "the PIN is not in the URL")
    jar2 = dict(jar, motcua_receipt=rc["motcua_receipt"])
    r, p = page(loc, headers={"Cookie": cookie_header(jar2)})
    t = r.text()
    text = p.all_text()
    check(code in text, "the code on the receipt")
    check("Xác nhận bảng điểm" in text, "the service on the receipt")
    pin = re.search(r'id="pin">([0-9]{6})<', t)
    check(pin is not None, "the PIN on the first view: %s" % short(text))
    pin = pin.group(1)
    check("<svg" in t and re.search(r'<path d="M[0-9 hvzM-]+"', t),
          "an inline SVG QR code")
    check("<time" in t, "received and due times")
    eq(cookies_of(r).get("motcua_receipt"), "", "the cookie cleared")
    # The PIN is the dossier's: the lookup answers with it; the QR
    # code's link names the code only.
    r = get("/api/v1/lookup?code=%s&pin=%s" % (code, pin))
    assert_status(r, 200, "lookup with the receipt's PIN")
    check("pin=" not in t, "a PIN in a link of the receipt")
    # Seen again: no PIN.
    r, p = page(loc, headers={"Cookie": cookie_header(jar)})
    check(pin not in r.text(), "the PIN shown twice")
    check("một lần" in p.all_text(), "says the PIN was shown once")
    # My applications lists it, with its status and due date.
    r, p = page("/my", headers={"Cookie": cookie_header(jar)})
    check("/dossiers/" + code in p.links, "my list links to %s" % code)
    check("Mới đăng ký" in p.all_text(), "the status name")
    # The dossier page: status, history, time remaining.
    r, p = page("/dossiers/" + code, headers={"Cookie": cookie_header(jar)})
    text = p.all_text()
    for want in ("Mới đăng ký", "Quá trình xử lý", "Thời gian còn lại"):
        check(want in text, "%s on the dossier page: %s"
              % (want, short(text)))
    r, p = page("/dossiers/%s?lang=en" % code,
                headers={"Cookie": cookie_header(jar)}, lang="en")
    check("Submitted" in p.all_text(), "English state name")
    # Another citizen: 404 on the receipt and the dossier page, even with
    # the receipt cookie.
    other, _ = signin(BINH)
    for path in (loc, "/dossiers/" + code):
        other2 = dict(other, motcua_receipt=rc["motcua_receipt"])
        r = get(path, headers={"Cookie": cookie_header(other2),
                               "Accept": "text/html"})
        assert_status(r, 404, "%s for another citizen" % path)
        check(pin not in r.text(), "the PIN leaked to another citizen")
    r, p = page("/my", headers={"Cookie": cookie_header(other)})
    check("/dossiers/" + code not in p.links, "in another citizen's list")
    # Anonymous: sign in first.
    r = get(loc, headers=HTML)
    assert_status(r, 303, "anonymous receipt: to sign in")
    check(r.header("location", "").startswith("/signin?next="),
          "to /signin: %s" % r.header("location"))


@test("pages: the receipt's link and QR code name MOTCUA_PUBLIC_URL, not Host")
def _():
    jar, _ = signin(AN)
    loc = apply(jar, transcript_fields()).header("location") or ""
    check(loc.endswith("/receipt"), "filed: %r" % loc)
    # The stack's public URL is its own address (scripts/stack.sh).
    r = get(loc, headers={"Cookie": cookie_header(jar),
                          "Accept": "text/html", "Host": "evil.example"})
    assert_status(r, 200, "the receipt with a forged Host")
    t = r.text()
    check("evil.example" not in t, "the forged host on the receipt: %s"
          % short(re.findall(r'href="[^"]*lookup[^"]*"', t)))
    code = loc.split("/")[2]
    want = "%s/lookup?code=%s" % (lib.URL, code)
    check(('href="%s"' % want) in t, "the lookup link is %s: %s"
          % (want, short(re.findall(r'href="[^"]*lookup[^"]*"', t))))


@test("pages: a form key that would set cookie attributes is refused (422)")
def _():
    jar, _ = signin(AN)
    before = lib.psql("SELECT count(*) FROM dossiers")
    for key in ("abc;Domain=evil.example", "abc; Domain=evil.example",
                "k;Path=/", "k,x=1", 'k"x', "x" * 33):
        t = get(TRANSCRIPT, headers={"Cookie": cookie_header(jar)}).text()
        parts = [("idempotency_key", key), ("csrf", hidden(t, "csrf"))]
        parts += transcript_fields() + [
            ("authorization", "", "application/octet-stream", b"")]
        ctype, body = lib.multipart(parts)
        r = lib.post(TRANSCRIPT + "/apply", body, ctype,
                     headers={"Cookie": cookie_header(jar),
                              "Accept": "text/html"})
        assert_status(r, 422, "key %r" % key)
        for c in r.headers.get("set-cookie", []):
            check("motcua_receipt" not in c and "evil" not in c,
                  "a cookie set for key %r: %s" % (key, c))
    eq(lib.psql("SELECT count(*) FROM dossiers"), before, "no dossier made")
