"""Routes, errors (problem JSON and HTML), request ids and the log,
/metrics, and the command line."""
import re
import subprocess

from lib import (assert_html_error, assert_problem, assert_request_id,
                 assert_status, binary, check, eq, get, log_find, log_lines,
                 metric, metrics, parse_metrics, post, raw_request, request,
                 short, test)

JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                  "*/*;q=0.8"}


# --- /healthz ----------------------------------------------------------------

@test("healthz: GET answers 200 {status: ok, database: ok}")
def _():
    r = get("/healthz")
    assert_status(r, 200)
    eq(r.header("content-type"), "application/json", "Content-Type")
    eq(r.json(), {"status": "ok", "database": "ok"}, "body")
    assert_request_id(r)
    eq(r.header("x-content-type-options"), "nosniff",
       "X-Content-Type-Options")
    eq(r.header("content-length"), str(len(r.body)), "Content-Length")


@test("healthz: HEAD answers 200, headers and no body")
def _():
    r = request("HEAD", "/healthz")
    assert_status(r, 200)
    eq(r.body, b"", "HEAD body")
    eq(r.header("content-type"), "application/json", "Content-Type")
    assert_request_id(r)
    # The length is the GET body's, as RFC 9110 allows.
    g = get("/healthz")
    eq(r.header("content-length"), str(len(g.body)),
       "HEAD Content-Length vs GET body")


@test("healthz: POST answers 405 with Allow: GET, HEAD (HTML and JSON)")
def _():
    r = post("/healthz", "a=1", "application/x-www-form-urlencoded")
    t = assert_html_error(r, 405)
    eq(r.header("allow"), "GET, HEAD", "Allow")
    check("Phương thức không được phép" in t, "no Vietnamese title: %s"
          % short(t))
    r = post("/healthz", "{}", "application/json", headers=JSON)
    assert_problem(r, 405, "method-not-allowed", detail=False)
    eq(r.header("allow"), "GET, HEAD", "Allow")


@test("healthz: PUT, DELETE, PATCH, OPTIONS answer 405 with Allow")
def _():
    for m in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        r = request(m, "/healthz", headers=JSON)
        assert_problem(r, 405, "method-not-allowed", detail=False)
        eq(r.header("allow"), "GET, HEAD", "Allow of %s" % m)


@test("healthz: takes no query parameters (400 unknown-parameter)")
def _():
    r = get("/healthz?verbose=1", headers=JSON)
    assert_problem(r, 400, "unknown-parameter", field="verbose")


@test("metrics: POST answers 405 with Allow: GET, HEAD")
def _():
    r = post("/metrics", "", None, headers=JSON)
    assert_problem(r, 405, "method-not-allowed", detail=False)
    eq(r.header("allow"), "GET, HEAD", "Allow")


@test("diag: GET /_diag/echo answers 405 with Allow: POST")
def _():
    r = get("/_diag/echo", headers=JSON)
    assert_problem(r, 405, "method-not-allowed", detail=False)
    eq(r.header("allow"), "POST", "Allow")


# --- errors: problem JSON or HTML --------------------------------------------

@test("errors: unknown path under /api/ answers 404 problem JSON")
def _():
    r = get("/api/no/such/thing")
    j = assert_problem(r, 404, "not-found", detail=False)
    eq(j["title"], "Not found", "title")
    eq(j["title_vi"], "Không tìm thấy", "title_vi")
    check("field" not in j, "404 has a field: %s" % short(j))


@test("errors: unknown path answers a Vietnamese HTML page to browsers")
def _():
    # ("/" is the catalogue page, t_pages.py.)
    for path in ("/no-such-page", "/healthz/", "/healthzx", "/services/"):
        r = get(path, headers=HTML)
        t = assert_html_error(r, 404)
        check("Không tìm thấy" in t and "Not found" in t,
              "%s: titles missing: %s" % (path, short(t)))
        eq(r.header("content-type"), "text/html; charset=utf-8",
           "Content-Type")
    r = get("/no-such-page")          # no Accept at all: a browser page
    assert_html_error(r, 404)


@test("errors: Accept decides between JSON and HTML outside /api/")
def _():
    cases = [("application/json", True),
             ("application/problem+json", True),
             ("application/json, text/html", True),
             ("text/html, application/json", False),
             ("text/html", False),
             ("*/*", False)]
    for accept, wants_json in cases:
        r = get("/no-such-page", headers={"Accept": accept})
        if wants_json:
            assert_problem(r, 404, "not-found", detail=False)
        else:
            assert_html_error(r, 404)


@test("errors: paths under /_diag/ answer problem JSON without Accept")
def _():
    # Matched diag route, error from the parameter check.
    r = post("/_diag/echo?nope=1", "", None)
    assert_problem(r, 400, "unknown-parameter", field="nope")
    # Unmatched path and wrong method under /_diag/.
    r = get("/_diag/no-such-route")
    assert_problem(r, 404, "not-found", detail=False)
    r = get("/_diag/echo")
    assert_problem(r, 405, "method-not-allowed", detail=False)
    r = post("/_diag/echo", b"", None, headers={"X-Pad": "p" * 20000})
    assert_problem(r, 431, "headers-too-large")


@test("errors: the HTML page escapes what the client sent")
def _():
    r = get("/healthz?%3Cscript%3Ealert(1)%3C%2Fscript%3E=1", headers=HTML)
    t = assert_html_error(r, 400)
    check("<script>" not in t, "unescaped <script> in the page: %s"
          % short(t))
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in t,
          "escaped field name missing: %s" % short(t))
    r = get("/healthz?%3Cscript%3E=1", headers=JSON)
    assert_problem(r, 400, "unknown-parameter", field="<script>")


@test("errors: an unknown method gets 501, server unharmed")
def _():
    r = raw_request("BREW", "/healthz", [("Accept", "application/json")])
    check(r.status == 501, "BREW: want 501, got %d %s"
          % (r.status, short(r.body)))
    assert_problem(r, 501, "not-implemented", detail=False)
    assert_status(get("/healthz"), 200, "healthz after BREW")


# --- request ids and the log -------------------------------------------------

@test("request id: X-Request-Id equals the request_id of the log line")
def _():
    cases = [("GET", "/healthz", None, None, 200, "healthz"),
             ("GET", "/api/nothing", None, None, 404, "none"),
             ("POST", "/_diag/echo", b"name=x", "application/x-www-form-"
              "urlencoded", 200, "diag_echo"),
             ("POST", "/_diag/echo", b"nope=x", "application/x-www-form-"
              "urlencoded", 400, "diag_echo"),
             ("GET", "/_diag/sleep?ms=5", None, None, 200, "diag_sleep")]
    for method, path, body, ctype, status, route in cases:
        h = {"Content-Type": ctype} if ctype else {}
        r = request(method, path, body=body, headers=h)
        assert_status(r, status, "%s %s" % (method, path))
        rid = assert_request_id(r)
        j = log_find(rid)
        eq(sum(rid in ln for ln in log_lines()), 1, "log lines of %s" % rid)
        eq(j.get("method"), method, "log method")
        eq(j.get("route"), route, "log route")
        eq(j.get("status"), status, "log status")
        d = j.get("duration_ms")
        check(isinstance(d, (int, float)) and 0 <= d < 60000,
              "log duration_ms: %r" % d)
        check(isinstance(j.get("time"), str) and re.match(
            r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", j["time"]),
            "log time: %r" % j.get("time"))
        if status >= 400:
            eq(r.json().get("request_id"), rid, "problem request_id")
    j = log_find(assert_request_id(get("/_diag/sleep?ms=120")))
    check(j["duration_ms"] >= 100, "sleep 120 ms logged as %r ms"
          % j["duration_ms"])


@test("request id: 30 requests get 30 distinct ids")
def _():
    ids = {assert_request_id(get("/healthz")) for _ in range(30)}
    eq(len(ids), 30, "distinct request ids")


@test("request id: every answer of motcua has X-Request-Id and nosniff")
def _():
    rs = [get("/healthz"), request("HEAD", "/healthz"), get("/metrics"),
          get("/nope"), request("DELETE", "/healthz"),
          post("/_diag/echo", "x", "text/plain"),
          get("/healthz", headers={"X-Pad": "p" * 20000})]
    for r in rs:
        assert_request_id(r)
        eq(r.header("x-content-type-options"), "nosniff",
           "X-Content-Type-Options of a %d" % r.status)


# --- /metrics ----------------------------------------------------------------

@test("metrics: Prometheus text format with the documented families")
def _():
    r = get("/metrics")
    assert_status(r, 200)
    ct = r.header("content-type", "")
    check(ct.startswith("text/plain") and "version=0.0.4" in ct,
          "Content-Type: %r" % ct)
    text = r.text()
    check(text.endswith("\n"), "metrics do not end with a newline")
    types = dict(re.findall(r"^# TYPE (\S+) (\S+)$", text, re.M))
    want = {"motcua_http_requests_total": "counter",
            "motcua_http_request_duration_seconds": "histogram",
            "motcua_worker_restarts_total": "counter",
            "motcua_audit_refusals_suppressed_total": "counter",
            "motcua_workers": "gauge", "motcua_generation": "gauge"}
    for name, kind in want.items():
        eq(types.get(name), kind, "# TYPE of %s" % name)
        check(re.search(r"^# HELP %s \S" % name, text, re.M),
              "no # HELP for %s" % name)
    m = parse_metrics(text)
    for (name, labels), v in m.items():
        check(name.split("_bucket")[0].split("_sum")[0].split("_count")[0]
              in want, "undocumented family %s" % name)
        check(v >= 0, "negative sample %s%s %s" % (name, labels, v))
        if name == "motcua_http_requests_total":
            eq(sorted(k for k, _ in labels), ["route", "status"],
               "labels of %s" % name)
            check(re.match(r"^(\d{3}|other)$", dict(labels)["status"]),
                  "status label %r" % dict(labels)["status"])
    eq(metric(m, "motcua_workers"), 2.0, "motcua_workers")
    check(metric(m, "motcua_generation") >= 1, "motcua_generation < 1")
    # Every route with a count has a consistent histogram.
    routes = {dict(l)["route"] for (n, l) in m
              if n == "motcua_http_request_duration_seconds_count"}
    check("metrics" in routes or "healthz" in routes,
          "no histogram at all: %s" % sorted(routes))
    for rt in routes:
        buckets = sorted(((float(dict(l)["le"]), v) for (n, l), v in m.items()
                          if n == "motcua_http_request_duration_seconds_bucket"
                          and dict(l)["route"] == rt))
        check(len(buckets) >= 2 and buckets[-1][0] == float("inf"),
              "%s: buckets %s" % (rt, buckets))
        vals = [v for _, v in buckets]
        eq(vals, sorted(vals), "%s: cumulative buckets" % rt)
        eq(buckets[-1][1], metric(m, "motcua_http_request_duration_"
                                  "seconds_count", route=rt),
           "%s: +Inf bucket vs _count" % rt)
        check(("motcua_http_request_duration_seconds_sum",
               (("route", rt),)) in m, "%s: no _sum" % rt)
        total = sum(v for (n, l), v in m.items()
                    if n == "motcua_http_requests_total"
                    and dict(l)["route"] == rt)
        # /metrics counts itself after it renders; others are exact.
        check(abs(total - buckets[-1][1]) <= (1 if rt == "metrics" else 0),
              "%s: requests_total %s vs histogram count %s"
              % (rt, total, buckets[-1][1]))


@test("metrics: counters and the histogram move with requests")
def _():
    before = metrics()
    for _ in range(3):
        assert_status(get("/healthz"), 200)
    assert_status(get("/no-such-page-for-metrics"), 404)
    for _ in range(2):
        assert_status(get("/_diag/sleep?ms=30"), 200)
    after = metrics()

    def d(name, **labels):
        return metric(after, name, **labels) - metric(before, name, **labels)
    eq(d("motcua_http_requests_total", route="healthz", status="200"), 3.0,
       "healthz 200 delta")
    eq(d("motcua_http_requests_total", route="none", status="404"), 1.0,
       "unmatched 404 delta")
    eq(d("motcua_http_requests_total", route="diag_sleep", status="200"),
       2.0, "diag_sleep 200 delta")
    eq(d("motcua_http_requests_total", route="metrics", status="200"), 1.0,
       "metrics 200 delta (the first /metrics)")
    eq(d("motcua_http_request_duration_seconds_count", route="healthz"), 3.0,
       "healthz histogram count delta")
    eq(d("motcua_http_request_duration_seconds_count", route="diag_sleep"),
       2.0, "diag_sleep histogram count delta")
    s = d("motcua_http_request_duration_seconds_sum", route="diag_sleep")
    check(0.055 <= s < 5, "two 30 ms sleeps added %.4f s to _sum" % s)
    # Both sleeps are over 25 ms: the le=0.025 bucket does not move and
    # le=0.05 or a later one does.
    eq(d("motcua_http_request_duration_seconds_bucket", route="diag_sleep",
         le="0.025"), 0.0, "diag_sleep le=0.025 delta")
    eq(d("motcua_http_request_duration_seconds_bucket", route="diag_sleep",
         le="+Inf"), 2.0, "diag_sleep le=+Inf delta")


# --- the command line --------------------------------------------------------

def run_cli(*args):
    return subprocess.run([binary()] + list(args), capture_output=True,
                          text=True, timeout=30)


@test("cli: motcua --help and motcua serve --help exit 0")
def _():
    p = run_cli("--help")
    eq(p.returncode, 0, "motcua --help exit status")
    for w in ("serve", "migrate", "MOTCUA_DATABASE_URL"):
        check(w in p.stdout, "motcua --help does not mention %s: %s"
              % (w, short(p.stdout)))
    p = run_cli("serve", "--help")
    eq(p.returncode, 0, "motcua serve --help exit status")
    check("usage: motcua serve" in p.stdout and "SIGHUP" in p.stdout,
          "motcua serve --help: %s" % short(p.stdout))
    p = run_cli("migrate", "--help")
    eq(p.returncode, 0, "motcua migrate --help exit status")
    p = run_cli("no-such-command")
    eq(p.returncode, 2, "motcua no-such-command exit status")
    check("unknown command" in p.stderr, "stderr: %s" % short(p.stderr))
    p = run_cli()
    eq(p.returncode, 2, "motcua without a command: exit status")

