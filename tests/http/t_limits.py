"""Every limit and malformed input of the request layer, through nginx;
and, after all of them, no worker died."""
import json
import socket
import urllib.parse

from lib import (HOST, PORT, _MISSING, assert_problem, assert_status, check,
                 children, eq, fail, get, master_pid, metric, metrics,
                 multipart, post, raw, raw_request, request, short, test)

FORM = "application/x-www-form-urlencoded"
JSON_T = "application/json"
ACCEPT_JSON = {"Accept": "application/json"}

state = {}


def setup():
    """Who serves before the first test of this module."""
    m = master_pid()
    state["master"] = m
    state["workers"] = children(m)
    state["restarts"] = metric(metrics(), "motcua_worker_restarts_total")
    eq(len(state["workers"]), 2, "workers at the start")


def form(body, query="", status=200, slug=None, field=_MISSING, ctype=FORM):
    r = post("/_diag/echo" + query, body, ctype)
    if slug is None:
        assert_status(r, status, "%s%s" % (query, short(body, 60)))
        return r.json()
    try:
        return assert_problem(r, status, slug, field=field)
    except AssertionError as e:
        fail("%s%s: %s" % (query, short(body, 60), e))


def jpost(body, status=200, slug=None, field=_MISSING):
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    return form(body, status=status, slug=slug, field=field, ctype=JSON_T)


def mpost(parts, status=200, slug=None, field=_MISSING, **kw):
    ctype, body = multipart(parts, **kw)
    return form(body, status=status, slug=slug, field=field, ctype=ctype)


# --- the query string --------------------------------------------------------

@test("limits: query: unknown and repeated keys (400 with field)")
def _():
    form("", "?zzz=1", 400, "unknown-parameter", "zzz")
    form("", "?q=1&q=2", 400, "repeated-parameter", "q")
    form("", "?Q=1", 400, "unknown-parameter", "Q")


@test("limits: query: q of 200 bytes passes, 201 bytes is 413")
def _():
    v = "ễ" * 66 + "ab"                     # 200 bytes, 68 characters
    eq(len(v.encode()), 200, "test bug")
    got = form("", "?q=" + urllib.parse.quote(v))
    eq(got["query"], {"q": [v]}, "query")
    form("", "?q=" + urllib.parse.quote(v + "c"), 413, "field-too-large",
         "q")
    form("", "?q=" + "x" * 3000, 413, "field-too-large", "q")


@test("limits: query: 64 pairs parse, 65 are 400 too-many-fields")
def _():
    form("", "?" + "&".join(["q=1"] * 64), 400, "repeated-parameter", "q")
    form("", "?" + "&".join(["q=1"] * 65), 400, "too-many-fields")
    form("", "?" + "&".join("k%d=1" % i for i in range(200)), 400,
         "too-many-fields")


@test("limits: query: a key of 64 bytes is read, 65 bytes is 413")
def _():
    form("", "?" + "k" * 64 + "=1", 400, "unknown-parameter", "k" * 64)
    j = form("", "?" + "k" * 65 + "=1", 413, "field-too-large")
    check(j.get("field", "").startswith("k" * 60), "field: %s" % short(j))


@test("limits: query: bad %-escapes are 400 malformed-body")
def _():
    for q in ("?q=%zz", "?q=%4", "?q=abc%", "?%=1", "?q%zz=1", "?=1",
              "?q%00=1"):
        form("", q, 400, "malformed-body")


@test("limits: query: invalid UTF-8 and control characters are 400")
def _():
    for v in ("%FF", "%C3%28", "%C0%AF", "%ED%A0%80", "%F4%90%80%80",
              "a%00b", "%01", "%7F", "%1B[31m", "%E1%BB"):
        form("", "?q=" + v, 400, "invalid-text", "q")
    j = form("", "?%FF=1", 400, "invalid-text")
    check(j.get("field") in ("", None), "field: %s" % short(j))
    got = form("", "?q=a%09b%0D%0Ac")          # tab, CR, LF are text
    eq(got["query"], {"q": ["a\tb\r\nc"]}, "query with tab/CRLF")


# --- urlencoded bodies -------------------------------------------------------

@test("limits: form: unknown, repeated and kind-mismatched keys")
def _():
    form("name2=x", status=400, slug="unknown-parameter", field="name2")
    form("name=a&note=b&name=c", status=400, slug="repeated-parameter",
         field="name")
    form("file=abc", status=422, slug="invalid-field", field="file")
    form("tag=a&tag=b&tag=c")                 # tag may repeat


@test("limits: form/multipart: data is JSON-only, refused in forms")
def _():
    r = post("/_diag/echo", "data=1", FORM)
    check(r.status in (400, 415, 422), "data=1 in a form: want 400/415/422,"
          " got %d %s" % (r.status, short(r.body)))
    ctype, body = multipart([("data", "1")])
    r = post("/_diag/echo", body, ctype)
    check(r.status in (400, 415, 422), "data in multipart: want "
          "400/415/422, got %d %s" % (r.status, short(r.body)))


@test("limits: form: per-field lengths (name 200, note 4000, tag 50)")
def _():
    for key, n in (("name", 200), ("note", 4000), ("tag", 50)):
        got = form("%s=%s" % (key, "a" * n))
        eq(len(got["fields"][key][0]), n, "%s length" % key)
        form("%s=%s" % (key, "a" * (n + 1)), status=413,
             slug="field-too-large", field=key)
    # Bytes count, not characters: 67 x 3 bytes = 201.
    form("name=" + urllib.parse.quote("ễ" * 67), status=413,
         slug="field-too-large", field="name")
    # Above the parser's own value bound (64 KiB).
    form("note=" + "a" * 70000, status=413, slug="field-too-large",
         field="note")


@test("limits: form: 256 fields pass, 257 are 400 too-many-fields")
def _():
    got = form("&".join(["tag=x"] * 256))
    eq(len(got["fields"]["tag"]), 256, "tags")
    form("&".join(["tag=x"] * 257), status=400, slug="too-many-fields")
    form("&".join(["tag=x"] * 5000), status=400, slug="too-many-fields")


@test("limits: form: a key over 64 bytes is 413 field-too-large")
def _():
    form("k" * 64 + "=1", status=400, slug="unknown-parameter",
         field="k" * 64)
    form("k" * 65 + "=1", status=413, slug="field-too-large")
    form("k" * 5000 + "=1", status=413, slug="field-too-large")


@test("limits: form: malformed bodies are 400 malformed-body")
def _():
    for body in ("name=%zz", "name=%4", "name=abc%", "=b", "na%GGme=1",
                 "%00=1", "name=a&=b"):
        form(body, status=400, slug="malformed-body")


@test("limits: form: invalid UTF-8 and control characters are 400")
def _():
    for v in ("%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "a%00b", "%01", "%7F",
              "%F0%9F%98"):
        form("note=ok&name=" + v, status=400, slug="invalid-text",
             field="name")
    j = form("%C3%28=1", status=400, slug="invalid-text")
    check(j.get("field") in ("", None), "field: %s" % short(j))


# --- multipart bodies --------------------------------------------------------

@test("limits: multipart: text vs file mismatches are 422 invalid-field")
def _():
    mpost([("file", "not a file")], 422, "invalid-field", "file")
    mpost([("name", "a.txt", "text/plain", b"x")], 422, "invalid-field",
          "name")


@test("limits: multipart: file of 1 MiB + 1 byte is 413 field-too-large")
def _():
    mpost([("file", "big.bin", "application/octet-stream",
            b"\xab" * ((1 << 20) + 1))], 413, "field-too-large", "file")
    mpost([("name", "a" * 201)], 413, "field-too-large", "name")
    mpost([("note", "a" * 70000)], 413, "field-too-large", "note")


@test("limits: multipart: unknown, repeated, too many and long keys")
def _():
    mpost([("nope", "1")], 400, "unknown-parameter", "nope")
    mpost([("name", "1"), ("name", "2")], 400, "repeated-parameter", "name")
    got = mpost([("tag", "x")] * 256)
    eq(len(got["fields"]["tag"]), 256, "256 tags")
    mpost([("tag", "x")] * 257, 400, "too-many-fields")
    mpost([("k" * 65, "1")], 413, "field-too-large")


@test("limits: multipart: invalid UTF-8 in values and file names is 400")
def _():
    mpost([("name", b"\xc3\x28")], 400, "invalid-text", "name")
    mpost([("name", b"a\x00b")], 400, "invalid-text", "name")
    ctype, body = multipart([("file", "X", "text/plain", b"x")])
    body = body.replace(b'filename="X"', b'filename="\xff.txt"')
    r = post("/_diag/echo", body, ctype)
    assert_problem(r, 400, "invalid-text", field="file")


@test("limits: multipart: truncated, no boundary, bad parts are 400")
def _():
    ctype, body = multipart([("name", "a"), ("file", "f", None, b"x" * 100)])
    bad = [
        (ctype, body[:-10], "truncated"),
        (ctype, body[:len(body) // 2], "cut in half"),
        (ctype, b"", "empty body with multipart type"),
        ("multipart/form-data", body, "no boundary parameter"),
        ("multipart/form-data; boundary=", body, "empty boundary"),
        ("multipart/form-data; boundary=" + "b" * 71, body,
         "boundary of 71 characters"),
        ("multipart/form-data; boundary=other", body, "other boundary"),
        (ctype, body.replace(b"Content-Disposition: form-data; ", b"", 1),
         "part without Content-Disposition form-data"),
        (ctype, body.replace(b'name="name"', b'name=""', 1),
         "part with an empty name"),
        (ctype, body.replace(b'name="name"', b'filename="x"', 1),
         "part without a name"),
        (ctype, body.replace(b"\r\n\r\n", b"\r\n", 1),
         "part headers without a blank line"),
    ]
    for ct, b, what in bad:
        if not b:
            # An empty body is no body: the route then echoes nothing.
            r = post("/_diag/echo", b, ct)
            assert_status(r, 200, what)
            continue
        r = post("/_diag/echo", b, ct)
        try:
            assert_problem(r, 400, "malformed-body")
        except AssertionError as e:
            fail("%s: %s" % (what, e))


# --- JSON bodies -------------------------------------------------------------

@test("limits: json: broken, duplicate keys, non-object are 400")
def _():
    for body in ('{"name":', '{"name": "a"', "{name: 1}", "{'a': 1}",
                 '{"name":"a","name":"b"}',
                 '{"data":{"x":1,"x":2}}',
                 "[1, 2]", "[]", '"text"', "1", "null", "true",
                 "{} x", "{}{}", '{"name":"a"},', "\ufeff{}",
                 b'{"name":"\xff"}', b'{"name":"\xc3\x28"}',
                 '{"name":"a\\u0000b"}', '{"name":"\\ud800"}'):
        jpost(body, 400, "malformed-body")


@test("limits: json: nesting of 33 is 400 nesting-too-deep")
def _():
    jpost('{"data":' + "[" * 32 + "]" * 32 + "}", 400, "nesting-too-deep")
    jpost('{"data":' + "{\"a\":" * 32 + "1" + "}" * 32 + "}", 400,
          "nesting-too-deep")
    jpost("[" * 200000, 400, "nesting-too-deep")       # never closed
    jpost('{"data":' + "[" * 31 + "]" * 31 + "}")      # 32 is fine


@test("limits: json: members are checked like fields")
def _():
    jpost({"nope": 1}, 400, "unknown-parameter", "nope")
    jpost({"file": "x"}, 400, "unknown-parameter", "file")
    jpost({"name": 123}, 422, "invalid-field", "name")
    jpost({"name": None}, 422, "invalid-field", "name")
    jpost({"tag": ["a", "b"]}, 422, "invalid-field", "tag")
    jpost({"name": "a" * 201}, 413, "field-too-large", "name")
    jpost({"name": "ễ" * 67}, 413, "field-too-large", "name")
    jpost({"note": "a" * 4001}, 413, "field-too-large", "note")
    jpost({"name": "a\u0001b"}, 400, "invalid-text", "name")
    jpost({"name": "a\u007fb"}, 400, "invalid-text", "name")
    got = jpost({"name": "a" * 200, "note": "b\tc\n"})
    eq(got["json"], {"name": "a" * 200, "note": "b\tc\n"}, "json")


# --- Content-Type, body size, bodies where none belongs ----------------------

@test("limits: unsupported Content-Type is 415")
def _():
    for ct in ("text/plain", "application/xml", "application/jsonx",
               "application/json-patch+json", "multipart/mixed; boundary=x",
               "application/x-www-form-urlencodedx",
               "application/octet-stream"):
        r = post("/_diag/echo", "name=a", ct)
        try:
            assert_problem(r, 415, "unsupported-media-type")
        except AssertionError as e:
            fail("%s: %s" % (ct, e))
    r = post("/_diag/echo", "name=a", None)            # no Content-Type
    assert_problem(r, 415, "unsupported-media-type")


@test("limits: a body on a GET route is 415")
def _():
    r = request("GET", "/_diag/sleep?ms=0", body=b"name=a",
                headers={"Content-Type": FORM})
    assert_problem(r, 415, "unsupported-media-type")
    r = request("GET", "/healthz", body=b"{}",
                headers={"Content-Type": JSON_T, "Accept": "application/json"})
    assert_problem(r, 415, "unsupported-media-type")


@test("limits: body of exactly 4 MiB passes, 4 MiB + 1 is 413")
def _():
    _, base = multipart([("name", "x")], boundary="B0undary")
    pad = (4 << 20) - len(base)
    ctype, body = multipart([("name", "x")], boundary="B0undary",
                            preamble=b"p" * (pad - 2) + b"\r\n")
    eq(len(body), 4 << 20, "test bug")
    r = post("/_diag/echo", body, ctype)
    assert_status(r, 200, "4 MiB body")
    eq(r.json()["fields"], {"name": ["x"]}, "fields")
    ctype, body = multipart([("name", "x")], boundary="B0undary",
                            preamble=b"p" * (pad - 1) + b"\r\n")
    r = post("/_diag/echo", body, ctype)
    assert_problem(r, 413, "body-too-large")


@test("limits: a body over nginx's 12m is refused by nginx with 413")
def _():
    r = raw_request("POST", "/_diag/echo",
                    [("Content-Type", FORM), ("Content-Length", "13000000")])
    eq(r.status, 413, "status")
    check(r.header("x-request-id") is None,
          "motcua answered a body over 12m (it should not see it)")


# --- headers and cookies -----------------------------------------------------

@test("limits: headers over 16 KiB in all are 431 headers-too-large")
def _():
    r = get("/healthz", headers={"X-Pad": "p" * 20000,
                                 "Accept": "application/json"})
    assert_problem(r, 431, "headers-too-large")
    r = get("/healthz", headers={"Cookie": "c=" + "v" * 20000,
                                 "Accept": "application/json"})
    assert_problem(r, 431, "headers-too-large")
    h = {"X-Pad-%d" % i: "p" * 500 for i in range(40)}
    h["Accept"] = "application/json"
    r = get("/healthz", headers=h)
    assert_problem(r, 431, "headers-too-large")
    ctype, body = multipart([("name", "x")])
    r = post("/_diag/echo", body, ctype,
             headers={"X-Pad": "p" * 20000, "Accept": "application/json"})
    assert_problem(r, 431, "headers-too-large")
    r = get("/healthz", headers={"X-Pad": "p" * 14000})
    assert_status(r, 200, "14 KB of headers")


@test("limits: a header line over 32 KiB is refused by nginx (4xx)")
def _():
    r = raw_request("GET", "/healthz", [("X-Pad", "p" * 33000)])
    check(400 <= r.status < 500, "status %d" % r.status)
    check(r.header("x-request-id") is None, "motcua saw it: %s" % r.headers)
    r = raw_request("GET", "/healthz", [("Cookie", "c=" + "p" * 40000)])
    check(400 <= r.status < 500, "status %d" % r.status)


@test("limits: cookies over the limits are dropped, never lock anyone out")
def _():
    def ck(cookie, want):
        r = post("/_diag/echo", b"", None, headers={"Cookie": cookie})
        assert_status(r, 200, "Cookie %s" % short(cookie, 60))
        eq(sorted(r.json()["cookies"]), sorted(want),
           "cookies kept of %s" % short(cookie, 60))
    ck("; ".join("c%d=v" % i for i in range(32)),
       ["c%d" % i for i in range(32)])
    ck("; ".join("c%d=v" % i for i in range(40)),
       ["c%d" % i for i in range(32)])
    ck("long=" + "v" * 4097 + "; sid=abc", ["sid"])
    ck("k" * 65 + "=1; sid=abc", ["sid"])


# --- /_diag/sleep parameters -------------------------------------------------

@test("limits: sleep: ms must be 0..30000 (422), at most 6 bytes (413)")
def _():
    for v in ("abc", "-1", "30001", "", "1.5", "0x10", "5ms", "99999"):
        r = get("/_diag/sleep?ms=" + urllib.parse.quote(v))
        try:
            assert_problem(r, 422, "invalid-field", field="ms")
        except AssertionError as e:
            fail("ms=%r: %s" % (v, e))
    r = get("/_diag/sleep?ms=1234567")
    assert_problem(r, 413, "field-too-large", field="ms")
    r = get("/_diag/sleep?ms=0")
    assert_status(r, 200)
    eq(r.json(), {"slept_ms": 0}, "body")
    r = get("/_diag/sleep")
    assert_status(r, 200)
    eq(r.json(), {"slept_ms": 0}, "body without ms")
    r = get("/_diag/sleep?ms=0&ms=1")
    assert_problem(r, 400, "repeated-parameter", field="ms")


# --- broken HTTP -------------------------------------------------------------

@test("limits: broken HTTP is answered by nginx, motcua unharmed")
def _():
    cases = [
        b"GARBAGE\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n"
        b"Connection: close\r\n\r\n",
        b"POST /_diag/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Content-Length: 6\r\nConnection: close\r\n\r\nabcdef",
        b"POST /_diag/echo HTTP/1.1\r\nHost: x\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
        b"GET /_diag/echo%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n"
        b"Connection: close\r\n\r\n",
    ]
    for c in cases:
        r = raw(c)
        check(400 <= r.status < 500, "%s: status %d %s"
              % (short(c, 60), r.status, short(r.body, 100)))
    # A client that promises a body and goes away.
    for _ in range(3):
        s = socket.create_connection((HOST, PORT), timeout=5)
        s.sendall(b"POST /_diag/echo HTTP/1.1\r\nHost: x\r\nContent-Type: "
                  b"application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 100000\r\n\r\nname=abc")
        s.close()
    assert_status(get("/healthz"), 200, "healthz afterwards")


# --- and after all of that ---------------------------------------------------

@test("limits: after every limit and malformed case no worker died")
def _():
    check(state, "setup did not run")
    m = master_pid()
    eq(m, state["master"], "master pid")
    eq(children(m), state["workers"], "worker pids")
    eq(metric(metrics(), "motcua_worker_restarts_total"), state["restarts"],
       "motcua_worker_restarts_total")
    assert_status(get("/healthz", headers=ACCEPT_JSON), 200, "healthz")
