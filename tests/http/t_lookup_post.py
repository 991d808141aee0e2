"""The lookup without the PIN in URLs: POST /lookup (the page's form) and
POST /api/v1/lookup (JSON or urlencoded; the preferred form), GET /lookup
no longer takes a PIN, GET /api/v1/lookup?code=&pin= kept; one throttle
for all of them; and no log of the stack (nginx's access and error
logs, motcua's JSON lines) holds the PIN afterwards."""
import glob
import json
import os
import re
import urllib.parse

from lib import (VAR, assert_html_error, assert_problem, assert_status,
                 check, eq, get, log_find, test)

import lib
from t_dossiers import audited, submit, transcript
from t_pages import FORM, HTML, Page

JSON = {"Content-Type": "application/json", "Accept": "application/json"}


def post_api(code, pin, form=False):
    if form:
        return lib.post("/api/v1/lookup", urllib.parse.urlencode(
            {"code": code, "pin": pin}), FORM,
            headers={"Accept": "application/json"})
    return lib.request("POST", "/api/v1/lookup",
                       json.dumps({"code": code, "pin": pin}), JSON)


def post_page(code, pin, lang=""):
    return lib.post("/lookup" + lang, urllib.parse.urlencode(
        {"code": code, "pin": pin}), FORM, headers=HTML)


def wrong_pin(pin):
    return "%06d" % ((int(pin) + 1) % 1000000)


@test("lookup: POST /lookup (the page) and POST /api/v1/lookup (JSON, "
      "urlencoded) answer with the status; the PIN in no URL")
def _():
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    eq(rc["lookup_url"], "/lookup?code=" + code, "no PIN in lookup_url")
    r = post_page(code, pin)
    assert_status(r, 200, "the page")
    p = Page(r.text())
    check("Mới đăng ký" in p.all_text(), "the status: %s"
          % p.all_text()[:300])
    check("value" not in p.ids["f-pin"][1], "the PIN is not echoed")
    eq(r.header("cache-control"), "no-store", "not cached")
    r = post_page(code, pin, "?lang=en")
    assert_status(r, 200)
    check("Submitted" in r.text(), "English")
    for form in (False, True):
        r = post_api(code, pin, form)
        assert_status(r, 200, "the API (%s)" % ("form" if form else "JSON"))
        j = r.json()
        eq((j["code"], j["status"]["code"]), (code, 1), "the answer")
        eq(set(j), {"code", "service", "status", "received_at", "due_at",
                    "results_issued"}, "no personal data")
        eq(j["results_issued"], 0, "no result issued yet")
    # The GET API is kept (the issue needs it), same answer.
    r = get("/api/v1/lookup?code=%s&pin=%s" % (code, pin),
            headers={"Accept": "application/json"})
    assert_status(r, 200, "GET /api/v1/lookup")
    # Errors: 422 naming the field, unknown members 400, wrong type 415.
    assert_problem(post_api(code, ""), 422, "invalid-field", field="pin")
    assert_problem(lib.request("POST", "/api/v1/lookup", "{}", JSON), 422,
                   "invalid-field", field="code")
    assert_problem(lib.request("POST", "/api/v1/lookup", json.dumps(
        {"code": code, "pin": pin, "x": 1}), JSON), 400, "unknown-parameter")
    r = lib.request("POST", "/api/v1/lookup", "code=1", {
        "Content-Type": "text/plain", "Accept": "application/json"})
    assert_status(r, 415, "text/plain")
    r = post_api(code, wrong_pin(pin))
    assert_problem(r, 404, "not-found")
    audited(r, "lookup.failed")


@test("lookup: GET /lookup shows the empty form and refuses a PIN in the "
      "query; the receipt's link has none")
def _():
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    for q in ("?code=%s&pin=%s" % (code, pin), "?pin=%s" % pin):
        t = assert_html_error(get("/lookup" + q, headers=HTML), 400)
        check(pin not in t, "the PIN in the error page")
        check("Mới đăng ký" not in t, "answered anyway")
    r = get("/lookup?code=" + code, headers=HTML)
    assert_status(r, 200)
    p = Page(r.text())
    eq(p.ids["f-code"][1].get("value"), code, "the code filled in")
    check("value" not in p.ids["f-pin"][1], "no PIN")
    check("result-h" not in p.ids, "no answer without the PIN")


@test("lookup: failed lookups are throttled across the GET, the POST and "
      "the page together")
def _():
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    bad = wrong_pin(pin)
    for i in range(4):
        get("/api/v1/lookup?code=%s&pin=%s" % (code, bad))
    for i in range(3):
        assert_status(post_page(code, bad), 404, "page failure %d" % i)
    for i in range(3):
        assert_status(post_api(code, bad), 404, "API failure %d" % i)
    # Ten failures on the code from this address: closed to it, even
    # with the PIN, in every form (t_guard: not to the owner elsewhere).
    r = post_page(code, pin)
    assert_status(r, 429, "the page")
    check(r.header("retry-after", "").isdigit(), "Retry-After")
    check("Tra cứu sai quá nhiều lần" in r.text(), "says so")
    assert_problem(post_api(code, pin), 429, "too-many-requests")
    assert_problem(get("/api/v1/lookup?code=%s&pin=%s" % (code, pin),
                       headers={"Accept": "application/json"}), 429,
                   "too-many-requests")


def pin_in(text, pin):
    """The PIN as a number of its own (not inside a longer one)."""
    return re.search(r"(?<![0-9A-Za-z])%s(?![0-9A-Za-z])" % pin, text)


@test("lookup: after lookups by every form, no log of the stack holds the "
      "PIN (nginx logs the path only; motcua the route)")
def _():
    check(pin_in("GET /x?code=a&pin=123456 HTTP", "123456"), "the check")
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    r = get("/api/v1/lookup?code=%s&pin=%s" % (code, pin))
    assert_status(r, 200)
    rid_get = r.header("x-request-id")
    assert_status(post_api(code, pin), 200)
    assert_status(post_page(code, pin), 200)
    r = get("/lookup?code=%s&pin=%s" % (code, pin), headers=HTML)
    assert_status(r, 400)
    rid_last = r.header("x-request-id")
    # While motcua is away, nginx answers 502 and would quote the
    # request line, query and all, in its error log.
    lib.stack("serve-stop")
    try:
        r = get("/api/v1/lookup?code=%s&pin=%s" % (code, pin))
        eq(r.status, 502, "the lookup with motcua stopped")
        r = get("/?pin-probe=%s" % pin)
        eq(r.status, 502, "another page with motcua stopped")
    finally:
        lib.stack("serve-start")
    error_log = open(os.path.join(VAR, "log", "nginx-error.log"),
                     encoding="utf-8", errors="replace").read()
    check("pin-probe=" in error_log, "the check: nginx quotes other "
          "requests' queries in its error log")
    # motcua's line of each is written (it buffers briefly).
    eq(log_find(rid_get)["route"], "api_lookup", "the GET's log line")
    line = log_find(rid_last)
    check("query" not in line and "uri" not in line, "motcua logs the "
          "route, not the URL: %s" % line)
    logs = sorted(glob.glob(os.path.join(VAR, "log", "*.log")))
    names = [os.path.basename(x) for x in logs]
    check("nginx-access.log" in names and "motcua.log" in names,
          "the logs: %s" % names)
    access = open(os.path.join(VAR, "log", "nginx-access.log"),
                  encoding="utf-8", errors="replace").read()
    check('"GET /api/v1/lookup HTTP/1.1" 200' in access,
          "the GET in nginx's access log, without its query")
    check("?" not in "".join(ln.split('"')[1] for ln in access.splitlines()
                             if ln.count('"') >= 2),
          "a query string in nginx's access log")
    for path in logs:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if path.endswith("nginx-error.log"):
            text = text.replace("pin-probe=" + pin, "")
        check(not pin_in(text, pin), "the PIN %s in %s" % (pin, path))
        check("pin=" not in text.replace("pin-probe=", ""),
              "a pin= in %s" % path)


@test("lookup: parallel wrong guesses are counted one after the other: "
      "never more failures than the limit")
def _():
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    guesses = [lib.Async(post_api, code, "%06d" % ((int(pin) + k) % 1000000))
               for k in range(1, 17)]
    statuses = sorted(g.result().status for g in guesses)
    eq(set(statuses) <= {404, 429}, True, "answers: %s" % statuses)
    check(statuses.count(404) <= 10, "at most 10 failures per code counted "
          "and answered: %s" % statuses)
    eq(lib.psql("SELECT count(*) FROM audit_log WHERE action = "
                "'lookup.failed' AND object = 'dossier:%s'" % code),
       str(statuses.count(404)), "each failure answered is recorded")
    r = post_api(code, pin)
    eq(r.status, 429, "the right PIN too, once throttled")
