"""Server-rendered pages (XSLT over view models): the catalogue, a
service's page with its application form, the lookup form; the
language; escaping of whatever a definition says; the size of a page;
the stylesheet served by nginx; the parameters each page accepts.

The browser's view of the same pages is tests/e2e/run.mjs."""
import html.parser
import os
import re
import shutil

from lib import (ROOT, assert_html_error, assert_status, check, eq, get,
                 short, test)

import lib
import t_services

HTML = {"Accept": "text/html"}
MAX_PAGE = 30 * 1024
SERVICES = ["school-transfer", "transcript-certification"]


class Page(html.parser.HTMLParser):
    """What the tests look at in a page: elements by id, labels by
    their for, controls by name, links, the lang, the title."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.labels, self.controls = {}, {}, {}
        self.links, self.styles, self.tags = [], [], []
        self.lang = None
        self.text = []
        self._label = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            check(a["id"] not in self.ids, "id %s twice" % a["id"])
            self.ids[a["id"]] = (tag, a)
        if tag == "label":
            self._label = [a.get("for"), ""]
        if tag in ("input", "select", "textarea") and "name" in a:
            self.controls.setdefault(a["name"], []).append((tag, a))
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.styles.append(a.get("href"))

    def handle_endtag(self, tag):
        if tag == "label" and self._label:
            self.labels[self._label[0]] = self._label[1].strip()
            self._label = None

    def handle_data(self, data):
        self.text.append(data)
        if self._label is not None:
            self._label[1] += data

    def all_text(self):
        return " ".join(" ".join(self.text).split())


def page(path, status=200, lang="vi", headers=None):
    """GET a page: status, HTML, lang, size, headers; the parsed page."""
    h = dict(HTML)
    h.update(headers or {})
    r = get(path, headers=h)
    assert_status(r, status, path)
    eq(r.header("content-type"), "text/html; charset=utf-8",
       "%s Content-Type" % path)
    check(len(r.body) < MAX_PAGE, "%s is %d bytes, over %d"
          % (path, len(r.body), MAX_PAGE))
    t = r.text()
    check(t.startswith("<!doctype html>\n"), "%s: no doctype: %s"
          % (path, short(t, 80)))
    p = Page(t)
    eq(p.lang, lang, "%s lang" % path)
    eq(r.header("content-language"), lang, "%s Content-Language" % path)
    for tag in ("header", "nav", "main", "footer", "h1", "title"):
        check(tag in p.tags, "%s has no <%s>" % (path, tag))
    eq(p.styles, ["/static/motcua.css"], "%s stylesheet" % path)
    check("default-src 'none'" in r.header("content-security-policy", ""),
          "%s: no Content-Security-Policy" % path)
    return r, p


def api(code):
    r = get("/api/v1/services/" + code)
    assert_status(r, 200)
    return r.json()


@test("pages: GET / is the catalogue, in Vietnamese")
def _():
    r, p = page("/")
    text = p.all_text()
    apis = {s["code"]: s for s in get("/api/v1/services").json()["services"]}
    for code in SERVICES:
        check("/services/" + code in p.links, "no link to %s" % code)
        check(apis[code]["name"]["vi"] in text, "%s: no name" % code)
    # Open ones first, under their heading.
    opened = [c for c in SERVICES if apis[c]["open"]]
    check(text.index("Đang nhận hồ sơ") < min(
        text.index(apis[c]["name"]["vi"]) for c in opened),
        "the open services come first")
    check("Miễn phí" in text and "2 ngày làm việc" in text,
          "fee and deadline: %s" % short(text))
    check("Từ ngày 1 tháng 6 đến ngày 15 tháng 8" in text,
          "the transfer's filing window: %s" % short(text))
    check(r.header("set-cookie") is None, "a cookie without ?lang")
    head = lib.request("HEAD", "/")
    eq(head.status, 200, "HEAD /")
    eq(head.body, b"", "HEAD has no body")


# With MOTCUA_DIAG=1 the request's time can be set (dossier_uc.h):
# inside and outside the school transfer's filing windows.
IN_WINDOW = {"X-Motcua-Now": "2026-07-01T09:00+07:00"}
OUT_OF_WINDOW = {"X-Motcua-Now": "2026-03-02T09:00+07:00"}


@test("pages: a service outside its filing windows shows no form")
def _():
    _, p = page("/services/school-transfer", headers=OUT_OF_WINDOW)
    text = p.all_text()
    check("chưa nhận hồ sơ" in text, "closed notice: %s" % short(text))
    check("apply" not in p.ids, "a form while closed")
    check("Từ ngày 1 tháng 6 đến ngày 15 tháng 8" in text, "the windows")
    _, p = page("/", headers=OUT_OF_WINDOW)
    text = p.all_text()
    check(text.index("Chưa đến thời gian nhận hồ sơ") <
          text.index("Chuyển trường"), "listed with the closed ones")


@test("pages: GET /services/{code}: requirements and the whole form")
def _():
    for code in SERVICES:
        d = api(code)
        r, p = page("/services/" + code, headers=IN_WINDOW)
        text = p.all_text()
        check(d["name"]["vi"] in text, "%s: name" % code)
        check(d["legal_basis"]["vi"] in text, "%s: legal basis" % code)
        check(d["catalogue_code"] in text, "%s: catalogue code" % code)
        tag, form = p.ids["apply"]
        eq((tag, form.get("method"), form.get("action")),
           ("form", "post", "/services/%s/apply" % code), "form")
        eq(form.get("enctype"), "multipart/form-data", "files: multipart")
        check("csrf" not in p.controls, "a csrf field without a session")
        key = p.controls["idempotency_key"][0][1].get("value", "")
        check(re.match(r"^[0-9a-f]{32}$", key), "idempotency key %r" % key)
        for sec in d["form"]["sections"]:
            check(("s-" + sec["id"]) in p.ids, "section %s" % sec["id"])
            check(sec["title"]["vi"] in text, "section title %s" % sec["id"])
        for f in d["form"]["fields"]:
            what = "%s.%s" % (code, f["id"])
            if f["type"] in ("radio", "checkbox"):
                ctl = p.controls.get(f["id"], [])
                eq(len(ctl), len(f["options"]), "%s: one per option" % what)
                for i, (t, a) in enumerate(ctl):
                    eq(a.get("type"), f["type"], "%s: type" % what)
                    eq(p.labels.get(a["id"]), f["options"][i]["label"]["vi"],
                       "%s: option label" % what)
                check(f["label"]["vi"] in text, "%s: legend" % what)
                continue
            fid = "f-" + f["id"]
            check(fid in p.ids, "%s: no control %s" % (what, fid))
            tag, a = p.ids[fid]
            check(p.labels.get(fid, "").startswith(f["label"]["vi"]),
                  "%s: label %r" % (what, p.labels.get(fid)))
            star = p.labels[fid].endswith("*")
            eq(star, bool(f["required"] and not f["readonly"]),
               "%s: required marker" % what)
            if f["readonly"]:
                check("name" not in a and "readonly" in a,
                      "%s: readonly, not sent: %s" % (what, a))
                continue
            eq(a.get("name"), f["id"], "%s: name" % what)
            eq("required" in a, f["required"], "%s: required" % what)
            if f.get("hint"):
                desc = a.get("aria-describedby", "").split()
                check(desc and desc[0] in p.ids, "%s: hint not described"
                      % what)
                check(f["hint"]["vi"] in text, "%s: hint text" % what)
            if f["type"] == "file":
                eq(a.get("accept"), ",".join(f["accept"]), "%s: accept"
                   % what)
            if "pattern" in f:
                eq(a.get("pattern"), f["pattern"], "%s: pattern" % what)


@test("pages: ?lang=en is English and remembered; a lang cookie too")
def _():
    d = api("transcript-certification")
    r, p = page("/services/transcript-certification?lang=en", lang="en")
    check(d["name"]["en"] in p.all_text(), "English name")
    check("Submit application" in p.all_text(), "English submit")
    c = r.header("set-cookie", "")
    check(c.startswith("lang=en;") and "SameSite=Lax" in c and
          "Path=/" in c, "lang cookie: %r" % c)
    check("/?lang=en" in p.links, "links keep the language")
    _, p = page("/", lang="en", headers={"Cookie": "lang=en"})
    check("Online public services" in p.all_text(), "English catalogue")
    _, p = page("/lookup?lang=vi", headers={"Cookie": "lang=en"})
    _, p = page("/", headers={"Cookie": "lang=fr"})        # ignored
    r = get("/?lang=fr", headers=HTML)
    assert_html_error(r, 422)


@test("pages: an unknown service is a 404 HTML page")
def _():
    t = assert_html_error(get("/services/no-such-service", headers=HTML), 404)
    check("Không có dịch vụ với mã này." in t, "detail: %s" % short(t))
    assert_html_error(get("/services/%3Cscript%3E", headers=HTML), 404)


@test("pages: query parameters outside each page's allowlist refused")
def _():
    for path, status in (("/?x=1", 400), ("/services/transcript-"
                         "certification?code=1", 400),
                         ("/lookup?pin=123456", 400),
                         ("/lookup?code=1&pin=123456", 400),
                         ("/lookup?lang=en&q=1", 400),
                         ("/?lang=en&lang=vi", 400),
                         ("/?lang=" + "e" * 9, 413),
                         ("/lookup?code=" + "A" * 81, 413)):
        assert_html_error(get(path, headers=HTML), status)


def lookup_page(body, status, lang="vi"):
    """POST /lookup (the form's method): the parsed page."""
    r = lib.post("/lookup" + ("?lang=en" if lang == "en" else ""), body,
                 "application/x-www-form-urlencoded", headers=HTML)
    assert_status(r, status, "POST /lookup %s" % body)
    p = Page(r.text())
    eq(p.lang, lang, "POST /lookup lang")
    return r, p


@test("pages: GET /lookup: the form (posted); nothing without code and PIN")
def _():
    _, p = page("/lookup")
    for n in ("code", "pin"):
        tag, a = p.ids["f-" + n]
        eq((tag, a.get("name")), ("input", n), "%s input" % n)
        check("required" in a, "%s required" % n)
        check(p.labels.get("f-" + n), "%s label" % n)
    t = get("/lookup", headers=HTML).text()
    check(re.search(r'<form method="post" action="/lookup"', t),
          "the form posts: %s" % short(t[t.find("<form"):], 120))
    # ?code= fills the code in (the receipt's QR code).
    _, p = page("/lookup?code=79.001-250115-0001")
    eq(p.ids["f-code"][1].get("value"), "79.001-250115-0001", "code in")
    r, p = lookup_page("code=79.001-250115-0001", 422)
    check("f-pin-err" in p.ids and "f-code-err" not in p.ids,
          "error beside the PIN only")
    eq(p.ids["f-code"][1].get("value"), "79.001-250115-0001", "code kept")
    r, p = lookup_page("code=%3Cb%3E&pin=12", 422)
    check("<b>" not in r.text(), "code escaped")
    eq(p.ids["f-code"][1].get("value"), "<b>", "value kept, escaped")
    check("f-code-err" in p.ids and "f-pin-err" in p.ids,
          "a bad code and a bad PIN are errors")
    # The right shapes, no such dossier: the store says so (B's
    # uc_lookup), and the PIN is not echoed.
    r, p = lookup_page("code=79.001-250115-0001&pin=123456", 404)
    check("Không tìm thấy hồ sơ" in p.all_text(), "not found notice")
    check("value" not in p.ids["f-pin"][1], "the PIN is not echoed")


@test("pages: /static/motcua.css served by nginx")
def _():
    r = get("/static/motcua.css")
    assert_status(r, 200)
    check(r.header("content-type", "").startswith("text/css"),
          "Content-Type %r" % r.header("content-type"))
    check(r.header("x-request-id") is None, "answered by motcua, not nginx")
    check(b":focus-visible" in r.body, "a focus style")
    check(len(r.body) < 16 * 1024, "the stylesheet is small")


@test("pages: every string the stylesheets use exists in vi and en")
def _():
    tdir = os.path.join(ROOT, "templates")
    with open(os.path.join(tdir, "strings.xml"), encoding="utf-8") as f:
        strings = f.read()
    have = set(re.findall(r'<s id="([^"]+)">', strings))
    used = set()
    for n in os.listdir(tdir):
        if n.endswith(".xsl"):
            with open(os.path.join(tdir, n), encoding="utf-8") as f:
                used |= set(re.findall(r"key\('str', '([^']+)'\)", f.read()))
    check(used, "no string found in the stylesheets")
    missing = sorted(used - have)
    check(not missing, "strings used but not defined: %s" % missing)


@test("pages: whatever a definition says is escaped")
def _():
    tmp = t_services._copy_root()
    evil = '<script>alert("x")</script> & <b>bold</b>'
    try:
        form = os.path.join(tmp, "forms", "transcript-certification.xml")
        wf = os.path.join(tmp, "workflows", "transcript-certification.xml")
        esc = (evil.replace("&", "&amp;").replace("<", "&lt;")
               .replace(">", "&gt;"))
        with open(form, encoding="utf-8") as f:
            s = f.read()
        s = s.replace("<label lang=\"vi\">Mã học sinh</label>",
                      "<label lang=\"vi\">Mã " + esc + "</label>", 1)
        s = s.replace("<hint lang=\"vi\">Trường đang lưu giữ học bạ.</hint>",
                      "<hint lang=\"vi\">" + esc + "</hint>", 1)
        s = s.replace("<label lang=\"vi\">Học tiếp</label>",
                      "<label lang=\"vi\">" + esc + "</label>", 1)
        with open(form, "w", encoding="utf-8") as f:
            f.write(s)
        with open(wf, encoding="utf-8") as f:
            s = f.read()
        s = s.replace("<name lang=\"vi\">Xác nhận bảng điểm",
                      "<name lang=\"vi\">" + esc + " Xác nhận bảng điểm", 1)
        with open(wf, "w", encoding="utf-8") as f:
            f.write(s)
        t_services._restart(tmp)
        for path in ("/", "/services/transcript-certification"):
            r = get(path, headers=HTML)
            assert_status(r, 200, path)
            t = r.text()
            check("<script>" not in t and "<b>" not in t,
                  "%s: unescaped markup: %s" % (path, short(t)))
            want = ('&lt;script&gt;alert("x")&lt;/script&gt; &amp; '
                    '&lt;b&gt;bold&lt;/b&gt;')
            check(want in t, "%s: the escaped text is missing" % path)
        t = get("/services/transcript-certification", headers=HTML).text()
        eq(t.count(want), 5, "escaped text in the title, h1, a label, a "
           "hint and an option")
    finally:
        t_services._restart(None)
        shutil.rmtree(tmp, ignore_errors=True)


# --- the citizen's journey (h_pages_citizen.c) -------------------------------

import subprocess       # noqa: E402
import urllib.parse     # noqa: E402

DEMO_PASSWORD = "demo-motcua-2025"
AN, BINH = "001090012345", "001195006789"     # the demo citizens
SCHOOL_NT = "000.00.31.H26"
PUPIL_7_NT = "7901020000"
TRANSCRIPT = "/services/transcript-certification"
FORM = "application/x-www-form-urlencoded"
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
    r = lib.post("/signin", urllib.parse.urlencode(
        {"login": AN, "password": DEMO_PASSWORD}), FORM,
        headers={"Accept": "text/html",
                 "Referer": "https://evil.example/signin"})
    assert_status(r, 403)
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


# --- the staff's pages ---------------------------------------------------

import json             # noqa: E402

NGT_CLERK = "clerk.thcs-ngt"    # another school's clerk
NT_CLERK, NT_OFFICER, NT_PRINCIPAL = (
    "clerk.thcs-nt", "academic-officer.thcs-nt", "principal.thcs-nt")


def api_file_transcript():
    """A transcript request of AN's at 000.00.31.H26, filed through the
    API (a bearer token): its code."""
    demo()
    r = lib.request("POST", "/api/v1/sessions", json.dumps(
        {"cccd": AN, "password": DEMO_PASSWORD}),
        {"Content-Type": "application/json"})
    assert_status(r, 201, "API sign-in")
    tok = r.json()["token"]
    data = {"applicant_relation": "parent", "school": SCHOOL_NT,
            "student_code": PUPIL_7_NT,
            "school_years": ["2023-2024", "2024-2025"], "copies": 2,
            "purpose": "further-study", "delivery": "electronic"}
    r = lib.request("POST", "/api/v1/services/transcript-certification/"
                    "dossiers", json.dumps({"data": data}),
                    {"Content-Type": "application/json",
                     "Accept": "application/json",
                     "Authorization": "Bearer " + tok,
                     "Idempotency-Key": "pages-%d-%d" % (os.getpid(),
                                                         id(data))})
    assert_status(r, 201, "file through the API")
    return r.json()["code"]


def staff_page(path, jar, status=200, lang="vi"):
    r, p = page(path, status=status, lang=lang,
                headers={"Cookie": cookie_header(jar)})
    return r, p, r.text()


def in_inbox(jar, code, query="", headers=None):
    """Is code listed in this inbox, searched by its code (with other
    filters): not only the first page of a busy inbox."""
    h = {"Cookie": cookie_header(jar), "Accept": "text/html"}
    h.update(headers or {})
    r = get("/inbox?%scode=%s" % (query + "&" if query else "", code),
            headers=h)
    assert_status(r, 200, "the inbox searched by code")
    return "/inbox/" + code in Page(r.text()).links, r


def action_forms(t, code):
    """The actions the page offers as forms, in order."""
    return re.findall(r'<form method="post" action="/inbox/%s/actions/'
                      r'([a-z_]+)' % re.escape(code), t)


def act_page(jar, code, action, csrf=None, **fields):
    body = dict(fields)
    if csrf is not None:
        body["csrf"] = csrf
    return lib.post("/inbox/%s/actions/%s" % (code, action),
                    urllib.parse.urlencode(body), FORM,
                    headers={"Cookie": cookie_header(jar),
                             "Accept": "text/html"})


@test("pages: the inbox lists the unit's dossiers, filtered; others 403")
def _():
    code = api_file_transcript()
    jar, r = signin(NT_CLERK)
    eq(r.header("location"), "/inbox", "staff go to /inbox")
    r, p, t = staff_page("/inbox", jar)
    check(in_inbox(jar, code)[0], "the inbox lists %s" % code)
    text = p.all_text()
    for want in ("Hộp hồ sơ", "Mới đăng ký", "Thời gian còn lại",
                 "Xác nhận bảng điểm"):
        check(want in text, "%s in the inbox: %s" % (want, short(text)))
    check("<table" in t and '<th scope="col">' in t, "a table with headers")
    # Filters: by service, state and due; anything else refused.
    # (Each searched by the code too: more than a page of dossiers may
    # be open at this school.)
    check(not in_inbox(jar, code, "service=school-transfer")[0],
          "filtered out by service")
    check(in_inbox(jar, code, "service=transcript-certification"
                   "&state=submitted")[0], "kept by service and state")
    check(not in_inbox(jar, code, "state=checking")[0],
          "filtered out by state")
    check(not in_inbox(jar, code, "due=overdue")[0],
          "a new dossier is not overdue")
    # Later (the diagnostic clock): overdue, said in words.
    late = {"X-Motcua-Now": "2027-06-01T09:00:00+07:00"}
    found, r = in_inbox(jar, code, "due=overdue", late)
    check(found, "overdue a year later")
    check("Quá hạn" in Page(r.text()).all_text() and
          "flag-overdue" in r.text(),
          "the overdue flag, in words and colour")
    check(not in_inbox(jar, code, "due=soon", late)[0],
          "overdue is not due soon")
    # Pages of 50: the second links back to the first, filters kept.
    _, p, _ = staff_page("/inbox?state=submitted&page=2", jar)
    check("/inbox?state=submitted&page=1" in p.links, "a link back: %r"
          % p.links)
    for q in ("due=tomorrow", "service=nope", "state=%3Cb%3E", "page=0",
              "page=x"):
        r = get("/inbox?" + q, headers={"Cookie": cookie_header(jar),
                                        "Accept": "text/html"})
        assert_status(r, 422, "/inbox?" + q)
    r = get("/inbox?box=all", headers={"Cookie": cookie_header(jar),
                                       "Accept": "text/html"})
    assert_status(r, 400, "an unknown parameter")
    _, p, _ = staff_page("/inbox?lang=en", jar, lang="en")
    check("The unit's inbox" in p.all_text(), "English inbox")
    # Another school's clerk: not in the inbox, and not the page.
    other, _ = signin(NGT_CLERK)
    check(not in_inbox(other, code)[0], "in another unit's inbox")
    r = get("/inbox/" + code, headers={"Cookie": cookie_header(other),
                                       "Accept": "text/html"})
    check(r.status in (403, 404), "another unit's dossier page: %d"
          % r.status)
    # A citizen: not theirs; anonymous: sign in first.
    cit, _ = signin(AN)
    r = get("/inbox", headers={"Cookie": cookie_header(cit),
                               "Accept": "text/html"})
    assert_status(r, 403, "a citizen on /inbox")
    r = get("/inbox/" + code, headers={"Cookie": cookie_header(cit),
                                       "Accept": "text/html"})
    assert_status(r, 403, "a citizen on /inbox/{code}")
    r = get("/inbox", headers=HTML)
    assert_status(r, 303, "anonymous /inbox: to sign in")
    eq(r.header("location"), "/signin?next=/inbox", "sign in, then back")


@test("pages: the staff's dossier page: its actions, a reason, receive")
def _():
    code = api_file_transcript()
    jar, _ = signin(NT_CLERK)
    path = "/inbox/" + code
    r, p, t = staff_page(path, jar)
    text = p.all_text()
    check(code in text and PUPIL_7_NT in text, "code and form data")
    for want in ("Quá trình xử lý", "Thời gian còn lại", "Tệp đính kèm",
                 "Thông tin trong đơn"):
        check(want in text, "%s on the page: %s" % (want, short(text)))
    eq(action_forms(t, code), ["receive", "refuse"], "the clerk's actions")
    eq(p.ids["a-refuse-reason"][0], "textarea", "refuse asks a reason")
    check("required" in p.ids["a-refuse-reason"][1], "the reason required")
    check("a-receive-comment" not in p.ids and
          "a-receive-reason" not in p.ids, "receive needs no text")
    eq(p.labels.get("a-refuse-reason", "").rstrip("*").strip(), "Lý do",
       "the reason's label")
    csrf = hidden(t, "csrf")
    # Refuse without its reason: 422, the error beside the field.
    r = act_page(jar, code, "refuse", csrf, reason="  ")
    assert_status(r, 422, "refuse without a reason")
    p = Page(r.text())
    check("a-refuse-reason-err" in p.ids, "no error beside the reason")
    eq(p.ids["a-refuse-reason"][1].get("aria-invalid"), "true",
       "aria-invalid")
    # No form token: refused.
    r = act_page(jar, code, "receive")
    assert_status(r, 403, "receive without csrf")
    # An action the clerk may not take: 403 with a message.
    r = act_page(jar, code, "verify", csrf)
    check(r.status in (403, 409), "verify by the clerk: %d" % r.status)
    check("action-error" in Page(r.text()).ids, "a message on top")
    # Receive: back to the dossier with a notice, now "checking".
    r = act_page(jar, code, "receive", csrf)
    assert_status(r, 303, "receive")
    eq(r.header("location"), "%s?done=receive" % path, "back to the page")
    r, p, t = staff_page(r.header("location"), jar)
    check("notice" in p.ids, "a notice after the action")
    eq(action_forms(t, code), [], "the clerk has nothing left to do")
    check("no-actions" in p.ids, "says there is nothing to do")
    check(not in_inbox(jar, code, "state=submitted")[0],
          "left the clerk's tray")
    # The academic officer's inbox has it, with verify.
    off, _ = signin(NT_OFFICER)
    check(in_inbox(off, code, "state=checking")[0],
          "in the academic officer's inbox")
    _, p, t = staff_page(path, off)
    eq(action_forms(t, code), ["request_supplement", "verify"],
       "the officer's actions")
    r = act_page(off, code, "verify", hidden(t, "csrf"))
    assert_status(r, 303, "verify")
    # The principal approves.
    pri, _ = signin(NT_PRINCIPAL)
    _, p, t = staff_page(path, pri)
    check("approve" in action_forms(t, code), "the principal may approve")
    r = act_page(pri, code, "approve", hidden(t, "csrf"))
    assert_status(r, 303, "approve")
    # The inspector: the page without forms; a POST refused.
    ins, r = signin("inspector")
    eq(r.header("location"), "/inbox", "inspectors go to /inbox")
    _, p, _ = staff_page("/inbox", ins)
    check("/inbox" in p.links, "the header links to the inbox")
    check(in_inbox(ins, code)[0], "the inspector sees every dossier")
    _, p, t = staff_page(path, ins)
    eq(action_forms(t, code), [], "no action forms for the inspector")
    check("readonly" in p.ids, "says it is read-only")
    r = act_page(ins, code, "return_result", hidden(t, "csrf"))
    assert_status(r, 403, "an inspector acting")
