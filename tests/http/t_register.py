"""The registration page (GET and POST /register, h_pages_account.c):
the same code as POST /api/v1/citizens (signup.c): its checks, its
throttle, its answer for a CCCD that has an account; login CSRF refused
by the origin; signed in and sent on (to /my or a safe next); errors
beside the fields with the values kept and never the password."""
import random
import re
import urllib.parse

from lib import assert_status, check, eq, get, psql, test

import lib
import t_accounts
from t_pages import FORM, HTML, Page, page
from t_pages_citizen import cookie_header, cookies_of, demo

PASSWORD = "Sông Hồng chảy mãi 2025"


def new_cccd():
    """A valid CCCD nobody has: Hà Nội (001), born 2000-2009."""
    return "001%d0%d%06d" % (random.choice((2, 3)), random.randrange(10),
                             random.randrange(10 ** 6))


def fields(**kw):
    d = {"cccd": new_cccd(), "full_name": "Đặng Thị Lan",
         "phone": "0912 345 678", "email": "", "password": PASSWORD,
         "password_confirm": PASSWORD}
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}


def post_register(d, query="", headers=None):
    h = dict(HTML)
    h.update(headers or {})
    return lib.post("/register" + query, urllib.parse.urlencode(d), FORM,
                    headers=h)


def audit_actions(r):
    rid = r.header("x-request-id")
    return psql("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log "
                "WHERE request_id = '%s'" % rid)


@test("register: GET /register: the form, labelled, linked from /signin "
      "and the header; says what happens next; English")
def _():
    _, p = page("/register")
    for n, tag in (("cccd", "text"), ("full_name", "text"), ("phone", "tel"),
                   ("email", "email"), ("password", "password"),
                   ("password_confirm", "password")):
        t, a = p.ids["f-" + n]
        eq((t, a.get("name"), a.get("type")), ("input", n, tag), n)
        check(p.labels.get("f-" + n), "%s has a label" % n)
        check("f-%s-hint" % n in a.get("aria-describedby", ""),
              "%s: its hint" % n)
    text = p.all_text()
    check("Sau khi đăng ký" in text and "không có tài khoản mới" in text,
          "what happens next: %s" % text[:300])
    _, p = page("/signin")
    check("/register" in p.links, "/signin links to /register")
    _, p = page("/")
    check("/register" in p.links, "the header links to /register")
    _, p = page("/signin?next=/my")
    check("/register?next=/my" in p.links, "the link keeps next")
    _, p = page("/register?lang=en", lang="en")
    check("Register as a citizen" in p.all_text(), "English")


@test("register: a new citizen is signed in and sent to /my, which works "
      "with the cookie; audited; the same account as the API makes")
def _():
    demo()
    d = fields(full_name="  Đặng Thị Lan  ", email="Lan@Example.VN")
    r = post_register(d)
    assert_status(r, 303, "registered")
    eq(r.header("location"), "/my", "to /my")
    jar = cookies_of(r)
    check(len(jar.get("motcua_session", "")) == 64, "a session cookie: %r"
          % r.headers.get("set-cookie"))
    c = [x for x in r.headers["set-cookie"] if x.startswith("motcua_session")]
    check("HttpOnly" in c[0] and "SameSite=Lax" in c[0], "cookie: %s" % c)
    eq(audit_actions(r), "citizen.register,signin", "audited")
    eq(psql("SELECT full_name || '|' || phone || '|' || email FROM users "
            "WHERE cccd = '%s'" % d["cccd"]),
       "Đặng Thị Lan|+84912345678|Lan@example.vn", "stored as the API does")
    r, p = page("/my", headers={"Cookie": cookie_header(jar)})
    check("Đặng Thị Lan" in p.all_text(), "/my names the new citizen")
    # Then sign in with the password chosen, through the API.
    t_accounts.signin(d["cccd"], PASSWORD)
    # English: to /my?lang=en.
    r = post_register(fields(), query="?lang=en")
    assert_status(r, 303)
    eq(r.header("location"), "/my?lang=en", "English")


@test("register: each field's error beside it, values kept, never the "
      "password; 422; nothing made")
def _():
    cases = [
        ({"cccd": ""}, "cccd", "Trường này là bắt buộc"),
        ({"cccd": "12345"}, "cccd", "Số CCCD không hợp lệ"),
        ({"full_name": ""}, "full_name", "Trường này là bắt buộc"),
        ({"full_name": "a\tb"}, "full_name", "một dòng"),
        ({"phone": "", "email": ""}, "phone", "Cần số điện thoại"),
        ({"phone": "0123"}, "phone", "Số điện thoại di động không hợp lệ"),
        ({"email": "not-an-address"}, "email", "thư điện tử không hợp lệ"),
        ({"password": "", "password_confirm": ""}, "password",
         "Trường này là bắt buộc"),
        ({"password": "short", "password_confirm": "short"}, "password",
         "ít nhất 10 ký tự"),
        ({"password_confirm": PASSWORD + "x"}, "password_confirm",
         "Hai mật khẩu không giống nhau"),
    ]
    for change, field, text in cases:
        d = fields(**change)
        r = post_register(d)
        assert_status(r, 422, "%s: %r" % (field, change))
        p = Page(r.text())
        err = re.search(r'id="f-%s-err">([^<]*)<' % field, r.text())
        check(err and text in err.group(1), "%s: the error beside it: %s"
              % (field, err and err.group(1)))
        check("aria-invalid" in p.ids["f-" + field][1], "%s invalid" % field)
        others = [k for k in re.findall(r'id="f-([a-z_]+)-err"', r.text())
                  if k != field]
        eq(others, [], "%s: only its own error" % field)
        for k in ("cccd", "full_name", "phone", "email"):
            if d.get(k):
                eq(p.ids["f-" + k][1].get("value"), d[k].strip(),
                   "%s kept" % k)
        for k in ("password", "password_confirm"):
            check("value" not in p.ids["f-" + k][1], "%s sent back" % k)
        check(PASSWORD not in r.text(), "the password in the page")
        check("motcua_session" not in cookies_of(r), "signed in anyway")
        if d.get("cccd"):
            eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'"
                    % d["cccd"]), "0", "%s: nothing made" % field)
    # Several at once: each beside its own field.
    r = post_register(fields(cccd="1", full_name="", phone="0", email="x"))
    assert_status(r, 422)
    eq(sorted(re.findall(r'id="f-([a-z_]+)-err"', r.text())),
       ["cccd", "email", "full_name", "phone"], "every error")
    check("error-summary" in r.text(), "an error summary on top")
    # Unknown fields and a lang other than vi/en: 400 and 422.
    r = post_register(dict(fields(), admin="1"))
    assert_status(r, 400, "unknown field")


@test("register: a CCCD that has an account: the same 303 to /my, no "
      "session, nothing changes; /my then asks to sign in")
def _():
    d = fields()
    first = post_register(d)
    assert_status(first, 303)
    before = psql("SELECT password_hash || full_name FROM users WHERE "
                  "cccd = '%s'" % d["cccd"])
    r = post_register(fields(cccd=d["cccd"], full_name="Kẻ Mạo Danh",
                             password="một mật khẩu khác 99",
                             password_confirm="một mật khẩu khác 99"))
    assert_status(r, 303, "an existing CCCD")
    eq(r.header("location"), first.header("location"), "the same place")
    check("motcua_session" not in cookies_of(r),
          "signed into someone else's account")
    eq(psql("SELECT password_hash || full_name FROM users WHERE cccd = '%s'"
            % d["cccd"]), before, "nothing changed")
    eq(audit_actions(r), "citizen.register.duplicate", "audited")
    r = get("/my", headers=HTML)
    assert_status(r, 303, "/my anonymous")
    eq(r.header("location"), "/signin?next=/my", "asked to sign in")
    # The API answers the same CCCD the same way (the shared code).
    r = t_accounts.api("POST", "/api/v1/citizens", {
        "cccd": d["cccd"], "full_name": "X Y", "phone": "0912345678",
        "password": PASSWORD})
    assert_status(r, 201, "the API, an existing CCCD")


@test("register: login CSRF refused by the origin (403, audited), not "
      "signed in, nothing made")
def _():
    for h in ({"Origin": "https://evil.example"},
              {"Origin": None, "Referer": "https://evil.example/form"},
              {"Origin": "null", "Referer": "http://evil.example/"},
              {"Origin": "null"}, {"Origin": None}):
        d = fields()
        r = post_register(d, headers=h)
        assert_status(r, 403, "from another site: %s" % h)
        check("motcua_session" not in cookies_of(r), "signed in from evil")
        eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % d["cccd"]),
           "0", "nothing made")
        eq(audit_actions(r), "access.denied", "audited")
        check("không đến từ trang của chúng tôi" in r.text(), "says why")
    # The same origin is fine (a browser names it on every POST).
    r = post_register(fields(), headers={
        "Origin": "http://%s:%d" % (lib.HOST, lib.PORT)})
    assert_status(r, 303, "same origin")


@test("register: the page and the API share one throttle per address")
def _():
    t_accounts.clear_failures()
    try:
        t_accounts.restart(MOTCUA_REGISTER_ADDRESS_MAX="3")
        t_accounts.register()
        assert_status(post_register(fields()), 303, "the page")
        t_accounts.register()
        # Invalid forms are refused before the throttle (no hash).
        assert_status(post_register(fields(cccd="1")), 422, "invalid")
        d = fields()
        r = post_register(d)
        assert_status(r, 429, "the 4th registration from this address")
        ra = r.header("retry-after")
        check(ra is not None and ra.isdigit() and int(ra) > 0,
              "Retry-After %r" % ra)
        check("Có quá nhiều lượt đăng ký" in r.text(), "says so")
        eq(p_value(r, "full_name"), d["full_name"], "values kept")
        eq(audit_actions(r), "citizen.register.throttled", "audited")
        eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % d["cccd"]),
           "0", "not registered")
        # The API is throttled by the same count.
        r = t_accounts.api("POST", "/api/v1/citizens", {
            "cccd": new_cccd(), "full_name": "Lê Thị Hoa",
            "phone": "0912345678", "password": PASSWORD})
        assert_status(r, 429, "the API after the page")
    finally:
        t_accounts.restart()
        t_accounts.clear_failures()


def p_value(r, name):
    return Page(r.text()).ids["f-" + name][1].get("value")
