"""Accounts, sessions and the first authorization wall: registration,
sign-in (cookie and bearer), the throttle, sign-out, idle and absolute
timeouts, route kinds (401/403), CSRF, the audit trail of all of it,
and the command line (units, users, demo)."""
import hashlib
import json
import os
import random
import re
import subprocess
import time

from lib import (ROOT, Async, assert_problem, assert_status, binary, check,
                 db_url, eq, fail, get, psql, request, stack, test,
                 wait_for, wait_stable)

DEMO_PASSWORD = "demo-motcua-2025"
PASSWORD = "Sông Hồng chảy mãi 2025"
HEX64 = re.compile(r"^[0-9a-f]{64}$")


# --- helpers -----------------------------------------------------------------

def api(method, path, body=None, token=None, cookie=None, headers=None,
        source=None):
    h = {"Accept": "application/json"}
    data = None
    if body is not None:
        h["Content-Type"] = "application/json"
        data = json.dumps(body).encode("utf-8")
    if token is not None:
        h["Authorization"] = "Bearer " + token
    if cookie is not None:
        h["Cookie"] = "motcua_session=" + cookie
    h.update(headers or {})
    return request(method, path, body=data, headers=h, source=source)


def new_cccd():
    """A valid CCCD nobody has: Hà Nội (001), born 2000-2009 (digit 2/3)."""
    return "001%d0%d%06d" % (random.choice((2, 3)), random.randrange(10),
                             random.randrange(10 ** 6))


def register(cccd=None, password=PASSWORD, **extra):
    body = {"cccd": cccd or new_cccd(), "full_name": "Lê Thị Hoa",
            "phone": "0912 345 678", "password": password}
    body.update(extra)
    r = api("POST", "/api/v1/citizens", body)
    assert_status(r, 201, "register")
    return body["cccd"]


def signin(login, password=PASSWORD, status=201, **kw):
    key = "cccd" if login.isdigit() else "username"
    r = api("POST", "/api/v1/sessions", {key: login, "password": password},
            **kw)
    assert_status(r, status, "sign in as %s" % login)
    return r


def token_of(login, password=PASSWORD):
    return signin(login, password).json()["token"]


def me(token=None, cookie=None):
    return api("GET", "/api/v1/me", token=token, cookie=cookie)


def audit_rows(where, *cols):
    """Audit rows matching a SQL condition, newest first."""
    out = psql("SELECT coalesce(json_agg(t ORDER BY id DESC), '[]') FROM "
               "(SELECT id, actor_id, actor_kind, action, object, detail, "
               "request_id, ip FROM audit_log WHERE %s) t" % where)
    return json.loads(out)


def audit_of(request_id):
    return audit_rows("request_id = '%s'" % request_id)


def clear_failures():
    psql("DELETE FROM signin_failures")


def motcua(*args, stdin=None, env=None):
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "ASAN_OPTIONS": "detect_leaks=0"})
    e.update(env or {})
    return subprocess.run([binary()] + list(args), input=stdin,
                          capture_output=True, text=True, timeout=60, env=e)


def restart(**env):
    """Restart the server with these MOTCUA_* settings (none: defaults)."""
    stack("serve-stop")
    for k in ("MOTCUA_SESSION_IDLE_SECONDS", "MOTCUA_SESSION_MAX_SECONDS",
              "MOTCUA_REGISTER_ADDRESS_MAX"):
        os.environ.pop(k, None)
    os.environ.update(env)
    try:
        stack("serve-start")
    finally:
        for k in env:
            os.environ.pop(k, None)
    wait_for(lambda: get("/healthz").status == 200, 15, "healthz")
    wait_stable()


def setup():
    p = motcua("demo")
    check(p.returncode == 0, "motcua demo exited %d: %s"
          % (p.returncode, p.stderr[-400:]))
    clear_failures()


# --- registration ------------------------------------------------------------

@test("accounts: a citizen registers; password stored as Argon2id")
def _():
    cccd = new_cccd()
    r = api("POST", "/api/v1/citizens", {
        "cccd": cccd, "full_name": "  Nguyễn Thị Ánh  ",
        "phone": "0912.345.678", "email": "Anh@Example.VN",
        "password": PASSWORD})
    assert_status(r, 201)
    j = r.json()
    eq((j["kind"], j["cccd"], j["full_name"], j["phone"], j["email"]),
       ("citizen", cccd, "Nguyễn Thị Ánh", "+84912345678",
        "Anh@example.vn"), "registered")
    check("password" not in r.text() and PASSWORD not in r.text(),
          "no password in the answer")
    h = psql("SELECT password_hash FROM users WHERE cccd = '%s'" % cccd)
    check(h.startswith("$argon2id$v=19$m=19456,t=2,p=1$"),
          "Argon2id with OWASP costs: %r" % h)
    rows = audit_of(r.header("x-request-id"))
    eq([(x["action"], x["object"]) for x in rows],
       [("citizen.register", "user:%d" % j["id"])], "audit")


@test("accounts: registration errors name the field (422), CCCD checked")
def _():
    good = {"cccd": new_cccd(), "full_name": "Phạm Văn Cường",
            "phone": "0987654321", "password": PASSWORD}

    def without(k, **more):
        b = {x: v for x, v in good.items() if x != k}
        b.update(more)
        return b
    cases = [
        (without("cccd"), "cccd"),
        (dict(good, cccd="000123456789"), "cccd"),     # no province 000
        (dict(good, cccd="00109001234"), "cccd"),       # 11 digits
        (dict(good, cccd="00109001234x"), "cccd"),
        (without("full_name"), "full_name"),
        (dict(good, full_name="   "), "full_name"),
        (dict(good, full_name="Hai\ndòng"), "full_name"),
        (without("phone"), "phone"),                    # neither phone...
        (dict(good, phone="0212345678"), "phone"),      # a landline
        (dict(good, phone="+84 12345"), "phone"),
        (without("phone", email="not-an-address"), "email"),
        (without("phone", email="a@b@c.vn"), "email"),
        (without("password"), "password"),
        (dict(good, password="short"), "password"),
        (dict(good, password="1234567890"), "password"),
        (dict(good, password="aaaaaaaaaaaaaa"), "password"),
        (dict(good, password="x" + good["cccd"] + "y"), "password"),
    ]
    for body, field in cases:
        r = api("POST", "/api/v1/citizens", body)
        j = assert_problem(r, 422, "invalid-field", field=field)
        check(j["detail_vi"] != j["detail"], "bilingual: %s" % j)
    # An e-mail alone will do.
    r = api("POST", "/api/v1/citizens", without("phone",
            email="cuong@example.vn"))
    assert_status(r, 201, "e-mail only")
    eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % good["cccd"]),
       "1", "one user")


@test("accounts: registration limits: lengths, members, types, media")
def _():
    good = {"cccd": new_cccd(), "full_name": "Trần Văn Dũng",
            "phone": "0987654321", "password": PASSWORD}
    assert_problem(api("POST", "/api/v1/citizens",
                       dict(good, full_name="Đ" * 101)), 413,
                   "field-too-large", field="full_name")
    assert_problem(api("POST", "/api/v1/citizens",
                       dict(good, password="p" * 257)), 413,
                   "field-too-large", field="password")
    assert_problem(api("POST", "/api/v1/citizens", dict(good, role="x")),
                   400, "unknown-parameter", field="role")
    assert_problem(api("POST", "/api/v1/citizens", dict(good, cccd=1)),
                   422, "invalid-field", field="cccd")
    r = request("POST", "/api/v1/citizens", body=b"cccd=1",
                headers={"Content-Type":
                         "application/x-www-form-urlencoded"})
    assert_problem(r, 415, "unsupported-media-type")
    eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % good["cccd"]),
       "0", "nothing registered")


@test("accounts: a CCCD registers once; a second try looks like a first")
def _():
    cccd = register()
    body = {"cccd": cccd, "full_name": "Kẻ Mạo Danh", "phone": "0911111111",
            "password": "another long password"}
    r = api("POST", "/api/v1/citizens", body)
    # The same answer as a new registration: nothing tells that the
    # CCCD has an account (no 409), and nothing is made or changed.
    fresh = api("POST", "/api/v1/citizens", dict(body, cccd=new_cccd()))
    assert_status(r, 201, "duplicate")
    assert_status(fresh, 201, "fresh")
    eq(sorted(r.json()), sorted(fresh.json()), "the same members")
    eq(r.header("location"), fresh.header("location"), "Location")
    eq((r.json()["cccd"], r.json()["full_name"]), (cccd, "Kẻ Mạo Danh"),
       "echoes what was sent")
    check(r.json()["id"] != fresh.json()["id"], "an id of its own")
    eq(psql("SELECT count(*) FROM users WHERE id = %d" % r.json()["id"]),
       "0", "the id is nobody's")
    eq(psql("SELECT full_name FROM users WHERE cccd = '%s'" % cccd),
       "Lê Thị Hoa", "the first account stays")
    signin(cccd, "another long password", status=401)
    clear_failures()
    uid = int(psql("SELECT id FROM users WHERE cccd = '%s'" % cccd))
    rows = audit_of(r.header("x-request-id"))
    eq([(x["action"], x["object"]) for x in rows],
       [("citizen.register.duplicate", "user:%d" % uid)], "audit")


@test("accounts: registrations from one address are throttled (429)")
def _():
    clear_failures()
    try:
        restart(MOTCUA_REGISTER_ADDRESS_MAX="3")
        for _ in range(3):
            register()
        # Invalid requests are refused before the throttle (no hash).
        assert_problem(api("POST", "/api/v1/citizens", {"cccd": "1"}), 422,
                       "invalid-field", field="cccd")
        cccd = new_cccd()
        r = api("POST", "/api/v1/citizens", {
            "cccd": cccd, "full_name": "Lê Thị Hoa", "phone": "0912345678",
            "password": PASSWORD})
        j = assert_problem(r, 429, "too-many-requests")
        ra = r.header("retry-after")
        check(ra is not None and ra.isdigit() and 0 < int(ra) <= 900,
              "Retry-After: %r" % ra)
        check(ra in j["detail"] and ra in j["detail_vi"], "says when")
        eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % cccd), "0",
           "not registered")
        eq([x["action"] for x in audit_of(r.header("x-request-id"))],
           ["citizen.register.throttled"], "audit")
        # Sign-in is another matter.
        signin("inspector", DEMO_PASSWORD)
    finally:
        clear_failures()
        restart()
    register()


# --- sign-in -----------------------------------------------------------------

@test("accounts: sign-in gives a token, a CSRF token and the cookie")
def _():
    cccd = register()
    r = signin(cccd)
    j = r.json()
    check(HEX64.match(j["token"]), "token: 64 hex digits")
    check(HEX64.match(j["csrf"]) and j["csrf"] != j["token"], "csrf")
    exp = time.mktime(time.strptime(j["expires_at"], "%Y-%m-%dT%H:%M:%SZ"))
    exp -= time.timezone
    check(abs(exp - (time.time() + 12 * 3600)) < 120,
          "expires in 12 h: %s" % j["expires_at"])
    eq((j["user"]["kind"], j["user"]["name"], j["user"]["unit"],
        j["user"]["roles"]), ("citizen", "Lê Thị Hoa", None, []), "user")
    eq(r.header("cache-control"), "no-store", "Cache-Control")
    cookies = r.headers.get("set-cookie", [])
    eq(len(cookies), 1, "one Set-Cookie")
    parts = [p.strip() for p in cookies[0].split(";")]
    eq(parts[0], "motcua_session=" + j["token"], "cookie value")
    attrs = {p.split("=")[0].lower(): p for p in parts[1:]}
    check("httponly" in attrs, "HttpOnly: %s" % cookies[0])
    eq(attrs.get("samesite"), "SameSite=Lax", "SameSite")
    eq(attrs.get("path"), "Path=/", "Path")
    check("secure" not in attrs, "no Secure over plain HTTP")
    # The database holds the token's SHA-256, never the token.
    h = hashlib.sha256(j["token"].encode()).hexdigest()
    eq(psql("SELECT count(*) FROM sessions WHERE token_hash = "
            "decode('%s', 'hex')" % h), "1", "hashed token stored")
    eq(psql("SELECT count(*) FROM sessions WHERE encode(token_hash, 'hex') "
            "= '%s'" % j["token"]), "0", "raw token not stored")
    rows = audit_of(r.header("x-request-id"))
    eq([(x["action"], x["actor_kind"], x["detail"]) for x in rows],
       [("signin", "citizen", {"login": cccd})], "audit")


@test("accounts: staff sign in by user name, any case; unit and roles")
def _():
    r = signin("Clerk.THCS-NT", DEMO_PASSWORD)
    u = r.json()["user"]
    eq((u["kind"], u["unit"]["code"], u["unit"]["kind"], u["roles"]),
       ("staff", "000.00.31.H26", "school", ["clerk"]), "staff")
    check(u["unit"]["name"]["vi"].startswith("Trường THCS"), "unit name")
    u = signin("inspector", DEMO_PASSWORD).json()["user"]
    eq((u["kind"], u["unit"], u["roles"]), ("inspector", None, []),
       "inspector")


@test("accounts: a wrong password or account is 401, saying neither")
def _():
    cccd = register()
    clear_failures()
    wrong = signin(cccd, "not the password", status=401)
    nobody = signin(new_cccd(), PASSWORD, status=401)
    j1 = assert_problem(wrong, 401, "unauthenticated")
    j2 = assert_problem(nobody, 401, "unauthenticated")
    eq((j1["detail"], j1["detail_vi"]), (j2["detail"], j2["detail_vi"]),
       "the same words for both")
    check(not wrong.headers.get("set-cookie"), "no cookie")
    uid = int(psql("SELECT id FROM users WHERE cccd = '%s'" % cccd))
    rows = audit_of(wrong.header("x-request-id"))
    eq([(x["action"], x["object"], x["detail"]["reason"]) for x in rows],
       [("signin.failed", "user:%d" % uid, "wrong password")], "audit")
    rows = audit_of(nobody.header("x-request-id"))
    eq([(x["action"], x["object"], x["detail"]["reason"]) for x in rows],
       [("signin.failed", None, "unknown account")], "audit unknown")
    assert_problem(api("POST", "/api/v1/sessions", {"password": "x"}), 422,
                   "invalid-field", field="cccd")
    assert_problem(api("POST", "/api/v1/sessions", {"cccd": cccd}), 422,
                   "invalid-field", field="password")
    assert_problem(api("POST", "/api/v1/sessions", {
        "cccd": cccd, "username": "x", "password": "y"}), 422,
        "invalid-field", field="username")
    clear_failures()


@test("accounts: 5 failures from one address close the account to that "
      "address (429, Retry-After)")
def _():
    cccd, other = register(), register()
    clear_failures()
    try:
        for _ in range(5):
            signin(cccd, "wrong password!", status=401)
        r = signin(cccd, PASSWORD, status=429)   # even the right one
        j = assert_problem(r, 429, "too-many-requests")
        ra = r.header("retry-after")
        check(ra is not None and ra.isdigit() and 0 < int(ra) <= 900,
              "Retry-After: %r" % ra)
        check(ra in j["detail"] and ra in j["detail_vi"], "says when")
        rows = audit_of(r.header("x-request-id"))
        eq([x["action"] for x in rows], ["signin.throttled"], "audit")
        # Another account from the same address is not locked.
        signin(other)
        # Nor is this one from another address.
        signin(cccd, source="127.0.0.31")
        signin(cccd, PASSWORD, status=429)
        # When the failures age out of the window, the account opens.
        psql("UPDATE signin_failures SET at = at - interval '1 hour'")
        signin(cccd)
    finally:
        clear_failures()


@test("accounts: wrong passwords for a staff account from one address do "
      "not lock the owner out: the right one from another signs in")
def _():
    login, a, b = "clerk.thcs-nt", "127.0.0.32", "127.0.0.33"
    clear_failures()
    try:
        for i in range(5):
            signin(login, "not the password %d" % i, status=401, source=a)
        r = signin(login, DEMO_PASSWORD, status=429, source=a)
        assert_problem(r, 429, "too-many-requests")
        check(r.header("retry-after", "").isdigit() and
              int(r.header("retry-after")) > 0, "Retry-After")
        signin(login, DEMO_PASSWORD, source=b)   # the owner, elsewhere
        signin(login, DEMO_PASSWORD, status=429, source=a)
    finally:
        clear_failures()


@test("accounts: 20 failures from one address lock it (429)")
def _():
    cccd = register()
    clear_failures()
    try:
        for i in range(20):
            signin(new_cccd(), "wrong password %d" % i, status=401)
        r = signin(cccd, PASSWORD, status=429)
        assert_problem(r, 429, "too-many-requests")
        check(int(r.header("retry-after")) > 0, "Retry-After")
        eq(psql("SELECT count(*) FROM signin_failures WHERE key = "
                "'address:127.0.0.1'"), "20", "counted per address")
    finally:
        clear_failures()
    signin(cccd)


@test("accounts: parallel wrong sign-ins: at most the limit are tried")
def _():
    cccd = register()
    clear_failures()
    try:
        calls = [Async(api, "POST", "/api/v1/sessions",
                       {"cccd": cccd, "password": "wrong password %d" % i})
                 for i in range(12)]
        got = sorted(c.result().status for c in calls)
        check(set(got) <= {401, 429}, "statuses: %s" % got)
        check(got.count(401) <= 5, "at most 5 evaluated: %s" % got)
        eq(got.count(429), 12 - got.count(401), "the rest throttled")
        eq(psql("SELECT count(*) FROM audit_log WHERE action = "
                "'signin.failed' AND detail->>'login' = '%s'" % cccd),
           str(got.count(401)), "failures audited")
        eq(psql("SELECT count(*) FROM signin_failures WHERE key = "
                "'account:127.0.0.1 %s'" % cccd), str(got.count(401)),
       "counted")
        signin(cccd, status=429)
    finally:
        clear_failures()
    signin(cccd)


# --- using a session ----------------------------------------------------------

@test("accounts: bearer token and cookie both sign requests in")
def _():
    cccd = register()
    tok = token_of(cccd)
    for r in (me(token=tok), me(cookie=tok),
              api("GET", "/api/v1/me", headers={
                  "Authorization": "bearer  " + tok})):
        assert_status(r, 200)
        eq((r.json()["kind"], r.json()["name"]), ("citizen", "Lê Thị Hoa"),
           "me")
        eq(r.header("cache-control"), "no-store", "Cache-Control")
    # Other cookies around ours do not matter; a bad one is skipped.
    r = api("GET", "/api/v1/me", headers={
        "Cookie": "_ga=GA1.2; motcua_session=zzz; motcua_session=%s; x=1"
        % tok})
    assert_status(r, 200, "cookie among others")
    for bad in ("0" * 64, tok[:-1], tok.upper(), tok + "0", ""):
        assert_problem(me(token=bad), 401, "unauthenticated")
        assert_problem(me(cookie=bad), 401, "unauthenticated")
    r = api("GET", "/api/v1/me", headers={"Authorization": "Basic " + tok})
    assert_problem(r, 401, "unauthenticated")
    eq(r.header("www-authenticate"), 'Bearer realm="motcua"',
       "WWW-Authenticate")
    r = api("GET", "/api/v1/citizens/me", token=tok)
    assert_status(r, 200)
    eq((r.json()["cccd"], r.json()["phone"]), (cccd, "+84912345678"),
       "profile")


@test("accounts: sign-out ends the token; a new sign-in renews it")
def _():
    cccd = register()
    tok = token_of(cccd)
    r = api("DELETE", "/api/v1/sessions/current", token=tok)
    assert_status(r, 204)
    eq(r.body, b"", "no body")
    check(any("Max-Age=0" in c for c in r.headers.get("set-cookie", [])),
          "the cookie is cleared")
    assert_problem(me(token=tok), 401, "unauthenticated")
    h = hashlib.sha256(tok.encode()).hexdigest()
    eq(psql("SELECT count(*) FROM sessions WHERE token_hash = "
            "decode('%s', 'hex')" % h), "0", "session row gone")
    rows = audit_of(r.header("x-request-id"))
    eq([(x["action"], x["actor_kind"]) for x in rows],
       [("signout", "citizen")], "audit")
    assert_problem(api("DELETE", "/api/v1/sessions/current", token=tok),
                   401, "unauthenticated")
    # Signing in with an old cookie ends it: one token at a time.
    old = token_of(cccd)
    new = signin(cccd, cookie=old).json()["token"]
    check(new != old, "a new token")
    assert_problem(me(cookie=old), 401, "unauthenticated")
    assert_status(me(cookie=new), 200, "the new one works")


@test("accounts: cookie requests that change state need the CSRF token")
def _():
    cccd = register()
    j = signin(cccd).json()
    tok, csrf = j["token"], j["csrf"]
    r = api("DELETE", "/api/v1/sessions/current", cookie=tok)
    assert_problem(r, 403, "forbidden")
    rows = audit_of(r.header("x-request-id"))
    eq([(x["action"], x["detail"]["reason"], x["detail"]["status"])
        for x in rows], [("access.denied", "csrf", 403)], "audit")
    r = api("DELETE", "/api/v1/sessions/current", cookie=tok,
            headers={"X-CSRF-Token": "0" * 64})
    assert_problem(r, 403, "forbidden")
    r = api("DELETE", "/api/v1/sessions/current", cookie=tok,
            headers={"X-CSRF-Token": tok})
    assert_problem(r, 403, "forbidden")
    assert_status(me(cookie=tok), 200, "still signed in")
    r = api("DELETE", "/api/v1/sessions/current", cookie=tok,
            headers={"X-CSRF-Token": csrf})
    assert_status(r, 204)
    assert_problem(me(cookie=tok), 401, "unauthenticated")


@test("accounts: a citizen-only route: anonymous 401, staff 403, audited")
def _():
    r = api("GET", "/api/v1/citizens/me")
    assert_problem(r, 401, "unauthenticated")
    eq(r.header("www-authenticate"), 'Bearer realm="motcua"',
       "WWW-Authenticate")
    rows = audit_of(r.header("x-request-id"))
    eq([(x["action"], x["actor_kind"], x["object"], x["detail"]["status"],
         x["ip"]) for x in rows],
       [("access.denied", "anonymous", "/api/v1/citizens/me", 401,
         "127.0.0.1")], "audit 401")
    for login in ("principal.thpt-cva", "inspector"):
        tok = token_of(login, DEMO_PASSWORD)
        r = api("GET", "/api/v1/citizens/me", token=tok)
        assert_problem(r, 403, "forbidden")
        uid = int(psql("SELECT id FROM users WHERE username = '%s'"
                       % login))
        rows = audit_of(r.header("x-request-id"))
        eq([(x["action"], x["actor_id"], x["detail"]["reason"],
             x["detail"]["status"]) for x in rows],
           [("access.denied", uid, "kind", 403)], "audit 403 " + login)


@test("accounts: an anonymous body to a signed-in route: 401, not parsed")
def _():
    path = "/api/v1/services/transcript-certification/dossiers"
    big = b"x" * (11 << 20)     # no boundary anywhere: malformed
    for ctype in ("multipart/form-data; boundary=zzz", "application/json"):
        r = request("POST", path, body=big, headers={
            "Content-Type": ctype, "Accept": "application/json"})
        assert_problem(r, 401, "unauthenticated")
        eq(r.header("www-authenticate"), 'Bearer realm="motcua"',
           "WWW-Authenticate")
    # With a session the same body is parsed (and refused as such).
    tok = token_of(register())
    r = request("POST", path, body=b"{not json", headers={
        "Content-Type": "application/json", "Accept": "application/json",
        "Authorization": "Bearer " + tok})
    check(r.status == 400, "parsed when signed in: %d" % r.status)
    # A cookie session still needs its CSRF token (checked after the
    # body): 403, and the body is not handled.
    r = api("POST", path, {"data": {}}, cookie=tok)
    assert_problem(r, 403, "forbidden")


@test("accounts: partner tokens from the command line; scopes; revocable")
def _():
    p = motcua("users", "add-partner", "Cổng DVC quốc gia", "--scope",
               "lookup", "--scope", "dossiers:read", "--unit",
               "000.00.01.H26")
    check(p.returncode == 0, "add-partner: %s" % p.stderr)
    tok = p.stdout.strip()
    check(HEX64.match(tok), "prints a token: %r" % p.stdout)
    r = me(token=tok)
    assert_status(r, 200)
    j = r.json()
    eq((j["kind"], j["name"], j["scopes"], j["unit"]["code"]),
       ("partner", "Cổng DVC quốc gia", ["lookup", "dossiers:read"],
        "000.00.01.H26"), "partner")
    assert_problem(api("GET", "/api/v1/citizens/me", token=tok), 403,
                   "forbidden")
    p = motcua("users", "add-partner", "x", "--scope", "everything")
    check(p.returncode != 0 and "unknown scope" in p.stderr, "bad scope")
    psql("UPDATE partner_tokens SET revoked_at = now() WHERE token_hash = "
         "decode('%s', 'hex')" % hashlib.sha256(tok.encode()).hexdigest())
    assert_problem(me(token=tok), 401, "unauthenticated")


@test("accounts: sessions end when idle, and at their maximum age")
def _():
    cccd = register()
    try:
        restart(MOTCUA_SESSION_IDLE_SECONDS="2",
                MOTCUA_SESSION_MAX_SECONDS="5")
        busy = token_of(cccd)
        idle = token_of(cccd)
        t0 = time.monotonic()
        r = signin(cccd)
        eq(r.headers["set-cookie"][0].split("Max-Age=")[1].split(";")[0],
           "5", "cookie Max-Age follows the maximum")
        # Used every second: alive past the idle timeout...
        while time.monotonic() - t0 < 3.5:
            assert_status(me(token=busy), 200, "busy session")
            time.sleep(0.8)
        # ...while the unused one has ended.
        assert_problem(me(token=idle), 401, "unauthenticated")
        while time.monotonic() - t0 < 4.0:
            assert_status(me(token=busy), 200, "busy session")
            time.sleep(0.5)
        time.sleep(max(0, 5.5 - (time.monotonic() - t0)))
        assert_problem(me(token=busy), 401, "unauthenticated")
    finally:
        restart()
    # With the defaults again a new session lives.
    tok = token_of(cccd)
    time.sleep(2.5)
    assert_status(me(token=tok), 200, "default idle timeout")


# --- the audit log ---------------------------------------------------------

@test("accounts: the audit log can only be inserted into")
def _():
    n = psql("SELECT count(*) FROM audit_log")
    check(int(n) > 0, "entries exist")
    for sql in ("UPDATE audit_log SET action = 'x'",
                "DELETE FROM audit_log", "TRUNCATE audit_log"):
        try:
            psql(sql)
        except AssertionError as e:
            check("permission denied" in str(e) or "append-only" in str(e),
                  "refused for the right reason: %s" % e)
        else:
            fail("%s was allowed" % sql)
    check(int(psql("SELECT count(*) FROM audit_log")) >= int(n),
          "nothing lost")


# --- the command line ------------------------------------------------------

@test("accounts: motcua demo is idempotent and loads what the README says")
def _():
    p = motcua("demo")
    check(p.returncode == 0, "demo: %s" % p.stderr)
    check("demo data: 0 added" in p.stdout, "nothing added: %s"
          % p.stdout[:300])
    check(DEMO_PASSWORD in p.stdout, "prints the password")
    codes = ",".join("'000.00.%s.H26'" % n for n in
                     ("01", "11", "12", "31", "32", "41", "42"))
    eq(psql("SELECT string_agg(kind || ':' || coalesce(school_level, '-') "
            "|| ':' || coalesce((SELECT code FROM units p WHERE p.id = "
            "u.parent_id), '-'), ',' ORDER BY code) FROM units u WHERE "
            "code IN (%s)" % codes),
       "department:-:-,"
       "district_office:-:000.00.01.H26,district_office:-:000.00.01.H26,"
       "school:lower_secondary:000.00.11.H26,"
       "school:lower_secondary:000.00.12.H26,"
       "school:upper_secondary:000.00.01.H26,"
       "school:upper_secondary:000.00.01.H26", "units and their parents")
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = readme.split("## Demo sign-ins", 1)[1].split("\n## ", 1)[0]
    logins = re.findall(r"`([a-z-]+\.[a-z-]+)`", section)
    # One member of staff for each role in each unit where it exists.
    eq(len(logins), 21, "staff sign-ins in the README")
    for login in logins:
        u = signin(login, DEMO_PASSWORD).json()["user"]
        eq((u["kind"], u["roles"]), ("staff", [login.split(".")[0]]),
           login)
    eq(signin("inspector", DEMO_PASSWORD).json()["user"]["kind"],
       "inspector", "inspector")
    for cccd in ("001090012345", "001195006789"):
        check(cccd in readme, "README lists %s" % cccd)
        signin(cccd, DEMO_PASSWORD)


@test("accounts: motcua units and users: add, check, list, passwd")
def _():
    code = "000.00.%02d.T%02d" % (random.randrange(50, 99),
                                  random.randrange(100))
    p = motcua("units", "add", code, "--kind", "school", "--parent",
               "000.00.01.H26", "--vi", "Trường Tiểu học Thử", "--en",
               "Test Primary School")
    check(p.returncode != 0 and "--level" in p.stderr, "school needs level")
    p = motcua("units", "add", code, "--kind", "school", "--level",
               "primary", "--parent", "000.00.01.H26", "--vi", "Trường",
               "--en", "School")
    check(p.returncode != 0 and "reports to a district_office" in p.stderr,
          "primary school under the department: %s" % p.stderr)
    p = motcua("units", "add", code, "--kind", "school", "--level",
               "primary", "--parent", "000.00.11.H26", "--vi",
               "Trường Tiểu học Thử", "--en", "Test Primary School")
    check(p.returncode == 0, "units add: %s" % p.stderr)
    p = motcua("units", "add", code, "--kind", "school", "--level",
               "primary", "--parent", "000.00.11.H26", "--vi", "x", "--en",
               "x")
    check(p.returncode != 0 and "exists" in p.stderr, "twice: %s" % p.stderr)
    p = motcua("units", "list")
    check(code in p.stdout and "Trường Tiểu học Thử" in p.stdout, "listed")

    user = "giaovu%d.test" % random.randrange(10 ** 6)
    p = motcua("users", "add-staff", user, "--unit", code, "--role",
               "specialist", "--name", "Ngô Văn Giáo", stdin=PASSWORD + "\n")
    check(p.returncode != 0 and "specialist" in p.stderr,
          "no specialists in schools: %s" % p.stderr)
    p = motcua("users", "add-staff", user, "--unit", code, "--role",
               "no-such-role", "--name", "x", stdin=PASSWORD + "\n")
    check(p.returncode != 0 and "no role" in p.stderr, "unknown role")
    p = motcua("users", "add-staff", user, "--unit", code, "--role",
               "academic-officer", "--role", "clerk", "--name",
               "Ngô Văn Giáo", stdin="short\n")
    check(p.returncode != 0 and "10 characters" in p.stderr, "policy")
    p = motcua("users", "add-staff", user.upper(), "--unit", code, "--role",
               "academic-officer", "--role", "clerk", "--name",
               "Ngô Văn Giáo", stdin=PASSWORD + "\n")
    check(p.returncode == 0, "add-staff: %s" % p.stderr)
    u = signin(user).json()["user"]
    eq((u["kind"], u["unit"]["code"], u["roles"]),
       ("staff", code, ["clerk", "academic-officer"]), "staff")
    p = motcua("users", "list")
    check(user in p.stdout and "academic-officer,clerk" in p.stdout,
          "listed: %s" % p.stdout[-300:])
    check(audit_rows("action IN ('unit.add', 'user.add') AND object IN "
                     "('unit:%s', 'user:%d')" % (code, u["id"])),
          "audited")

    tok = token_of(user)
    p = motcua("users", "passwd", user, stdin="a brand new passphrase\n")
    check(p.returncode == 0, "passwd: %s" % p.stderr)
    assert_problem(me(token=tok), 401, "unauthenticated")
    signin(user, status=401)
    signin(user, "a brand new passphrase")
    clear_failures()
    p = motcua("users", "passwd", "nobody-here", stdin=PASSWORD + "\n")
    check(p.returncode != 0 and "no user" in p.stderr, "unknown user")
    p = motcua("users", "add-citizen", "000123456789", "--name", "x",
               "--phone", "0912345678", stdin=PASSWORD + "\n")
    check(p.returncode != 0 and "CCCD" in p.stderr, "bad CCCD")
    cccd = new_cccd()
    p = motcua("users", "add-citizen", cccd, "--name", "Hà Văn Tư",
               "--email", "tu@example.vn", stdin=PASSWORD + "\n")
    check(p.returncode == 0, "add-citizen: %s" % p.stderr)
    signin(cccd)
