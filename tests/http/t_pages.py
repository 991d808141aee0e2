"""Server-rendered pages (XSLT over view models), the public ones: the
catalogue, a service's page with its application form, the lookup form;
the language; escaping of whatever a definition says; the size of a
page; the stylesheet served by nginx; the parameters each page accepts.
Here too what every page test uses: Page, page(), HTML, FORM.

Signing in and the citizen's journey: t_pages_citizen.py; the staff's
pages: t_pages_staff.py.  The browser's view of the same pages is
tests/e2e/run.mjs."""
import html.parser
import os
import re
import shutil

from lib import (ROOT, assert_html_error, assert_status, check, eq, get,
                 short, test)

import lib
import t_services

HTML = {"Accept": "text/html"}
FORM = "application/x-www-form-urlencoded"
MAX_PAGE = 30 * 1024
SERVICES = ["diploma-register-copy", "school-transfer",
            "transcript-certification"]


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
