"""The inspector's desk: reading the audit trail (GET /api/v1/audit, the
pages /inspect and /inspect/dossiers/{code}, the control sheet Mẫu 06).

A transcript certification is walked from submission to its result,
with one step taken after the dossier's due time (X-Motcua-Now); then:
  - a staff member's view of the dossier writes exactly one entry, with
    the actor, their unit and role, the object, address and request id;
  - the inspector's search by the dossier lists exactly the entries the
    database holds for it, in order, with the right actors and objects;
  - filters (actor, unit, action, time) and keyset paging (complete,
    non-overlapping), bad filters refused with their field;
  - citizens and staff are refused (403, audited), the anonymous 401,
    and the web role still cannot read audit_log itself;
  - the CSV parses (Python's csv module) and a planted "=cmd" comment
    comes out neutralised;
  - the control sheet lists the handovers in order, with on-time flags
    that match the due time."""
import csv
import io
import json
import re
import urllib.parse

from lib import assert_problem, assert_status, check, eq, psql, test
from t_dossiers import (AN, SCHOOL_NT, api, audit_rows, get_dossier, submit,
                        transcript)
from t_register import PASSWORD, new_cccd
import t_dossiers

PLANTED = "=cmd|' /C calc'!A0"

# Due two working days later, 2026-12-03 09:00 (+07): the officer
# verifies half an hour before it, the principal approves half an hour
# after it.
T0 = "2026-12-01T09:00:00+07:00"
STEPS = [("receive", "clerk.thcs-nt", "2026-12-01T09:30:00+07:00", {}),
         ("verify", "academic-officer.thcs-nt", "2026-12-03T08:30:00+07:00",
          {}),
         ("approve", "principal.thcs-nt", "2026-12-03T09:30:00+07:00", {}),
         ("return_result", "clerk.thcs-nt", "2026-12-04T11:00:00+07:00",
          {})]
LATE = {"submit": "0", "receive": "0", "verify": "0", "approve": "1",
        "return_result": "1"}

_journey = {}


def setup():
    t_dossiers.setup()


def journey():
    """The dossier's code, walked once for the module."""
    if "code" not in _journey:
        code = submit("transcript-certification", transcript(),
                      now=T0)["code"]
        for action, who, at, body in STEPS:
            r = api("POST", "/api/v1/dossiers/%s/actions/%s" % (code, action),
                    body, who=who, now=at)
            assert_status(r, 200, "%s by %s" % (action, who))
        _journey["code"] = code
    return _journey["code"]


def audit(query, who="inspector", accept="application/json"):
    return api("GET", "/api/v1/audit?" + urllib.parse.urlencode(query),
               who=who, headers={"Accept": accept})


def user_id(login):
    return int(psql("SELECT id FROM users WHERE username = '%s' OR "
                    "cccd = '%s'" % (login, login)))


@test("inspect: a staff view of a dossier writes one entry: actor, unit, "
      "role, object, address, request id")
def _():
    code = journey()
    r = api("GET", "/api/v1/dossiers/" + code, who="clerk.thcs-nt")
    assert_status(r, 200, "the clerk's view")
    rid = r.header("x-request-id")
    rows = json.loads(psql(
        "SELECT json_agg(t) FROM (SELECT a.actor_id, a.actor_kind, a.action,"
        " a.object, a.ip, a.actor_role, n.code AS unit FROM audit_log a "
        "LEFT JOIN units n ON n.id = a.actor_unit_id WHERE request_id = "
        "'%s') t" % rid))
    eq(len(rows), 1, "entries of the view")
    e = rows[0]
    eq(e["actor_id"], user_id("clerk.thcs-nt"), "actor")
    eq((e["actor_kind"], e["action"], e["object"]),
       ("staff", "dossier.view", "dossier:" + code), "kind, action, object")
    eq(e["unit"], SCHOOL_NT, "the actor's unit")
    check("clerk" in (e["actor_role"] or "").split(","),
          "role: %r" % e["actor_role"])
    check(e["ip"], "no address")


@test("inspect: the search by dossier lists exactly its entries, in order, "
      "with the actors and objects")
def _():
    code = journey()
    r = audit({"dossier": code, "limit": "200"})
    assert_status(r, 200, "search")
    got = r.json()["entries"]
    want = audit_rows("object = 'dossier:%s'" % code)
    eq([e["id"] for e in got], [w["id"] for w in want], "the entries' ids")
    eq([e["id"] for e in got], sorted(e["id"] for e in got), "in id order")
    check(all(e["object"] == "dossier:" + code for e in got), "objects")
    acts = [(e["action"], e["actor"].get("login")) for e in got
            if e["action"] in ("dossier.submit", "dossier.act")]
    eq(acts, [("dossier.submit", AN)] +
       [("dossier.act", who) for _, who, _, _ in STEPS], "who did what")
    for e in got:
        if e["action"] == "dossier.act" and e["actor"]["login"] != AN:
            eq(e["actor"]["unit"], SCHOOL_NT, "unit of %s" % e["actor"])
            check(e["actor"].get("role"), "no role in %s" % e)
    eq(r.json()["next"], None, "one page")


@test("inspect: filters by actor, unit, action and time; bad ones refused")
def _():
    code = journey()
    base = {"dossier": code, "limit": "200"}
    everything = audit(base).json()["entries"]
    clerk = user_id("clerk.thcs-nt")
    for q in ({"actor": "clerk.thcs-nt"}, {"actor": str(clerk)}):
        got = audit(dict(base, **q)).json()["entries"]
        eq([e["id"] for e in got],
           [e["id"] for e in everything if e["actor"].get("id") == clerk],
           "by actor %s" % q)
    got = audit(dict(base, action="dossier.act")).json()["entries"]
    eq(len(got), len(STEPS), "action prefix dossier.act")
    got = audit(dict(base, unit=SCHOOL_NT)).json()["entries"]
    check(got and all(e["actor"].get("unit") == SCHOOL_NT for e in got),
          "by unit")
    eq(audit(dict(base, to="2000-01-01")).json()["entries"], [],
       "nothing before 2000")
    # Entries are written at the real time (the test clock moves the
    # dossier's times only): every one is on or after its own second.
    t = everything[-1]["at"][:19] + "Z"
    got = audit(dict(base, **{"from": t})).json()["entries"]
    check(got and got[-1]["id"] == everything[-1]["id"], "from")
    for k, v in (("dossier", "not a code"), ("from", "2026-02-30"),
                 ("to", "yesterday"), ("limit", "201"), ("limit", "0"),
                 ("after", "-1"), ("actor", "a b"), ("format", "xml")):
        assert_problem(audit({k: v}), 422, "invalid-field", field=k)
    r = audit({"dossier": code, "to": "2026-01-01", "from": "2026-02-01"})
    assert_problem(r, 422, "invalid-field", field="to")


@test("inspect: keyset paging is complete and does not overlap")
def _():
    code = journey()
    whole = [e["id"] for e in
             audit({"dossier": code, "limit": "200"}).json()["entries"]]
    check(len(whole) >= 6, "a journey of %d entries" % len(whole))
    seen, after = [], None
    for _ in range(50):
        q = {"dossier": code, "limit": "2"}
        if after:
            q["after"] = str(after)
        j = audit(q).json()
        check(len(j["entries"]) <= 2, "a page of at most 2")
        seen += [e["id"] for e in j["entries"]]
        after = j["next"]
        if after is None:
            break
        check(j["next_url"].endswith("after=%d" % after), j["next_url"])
    eq(seen, whole, "the pages, together")


@test("inspect: citizens and staff refused (403, audited), anonymous 401; "
      "the web role cannot read audit_log")
def _():
    for who in (AN, "clerk.thcs-nt"):
        r = audit({}, who=who)
        assert_problem(r, 403, "forbidden")
        rows = audit_rows("request_id = '%s'" % r.header("x-request-id"))
        check(any(x["action"] == "access.denied" for x in rows),
              "refusal of %s not audited: %s" % (who, rows))
    r = api("GET", "/api/v1/audit")
    eq(r.status, 401, "anonymous")
    got = psql("SELECT has_table_privilege('motcua_web', 'audit_log', "
               "'SELECT')")
    eq(got, "f", "motcua_web may SELECT audit_log")
    # The function answers nothing outside an inspector's context.
    q = ("SELECT set_config('motcua.kind', '%s', false); SELECT count(*) "
         "FROM audit_search(NULL, NULL, NULL, NULL, NULL, NULL, NULL, 200)")
    eq(psql(q % "staff").split()[-1], "0", "audit_search as staff")
    check(int(psql(q % "inspector").split()[-1]) > 0,
          "audit_search as an inspector")


@test("inspect: the CSV parses, one row per entry, a planted formula "
      "neutralised")
def _():
    code = journey()
    j = audit({"dossier": code, "limit": "200"}).json()["entries"]
    for r in (audit({"dossier": code, "limit": "200"}, accept="text/csv"),
              audit({"dossier": code, "limit": "200", "format": "csv"})):
        assert_status(r, 200, "csv")
        check(r.header("content-type").startswith("text/csv"),
              r.header("content-type"))
        text = r.body.decode("utf-8")
        check("\r\n" in text, "CRLF records")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        eq([int(x["id"]) for x in rows], [e["id"] for e in j], "rows")
        ret = [x for x in rows if x["action"] == "dossier.act" and
               x["actor_login"] == "clerk.thcs-nt"]
        eq(len(ret), 2, "the clerk's actions")
    # A citizen who registers under a name that is a formula.
    cccd = new_cccd()
    r = api("POST", "/api/v1/citizens", {
        "cccd": cccd, "full_name": PLANTED, "phone": "0912345678",
        "password": PASSWORD})
    assert_status(r, 201, "registration")
    r = api("POST", "/api/v1/sessions", {"cccd": cccd, "password": PASSWORD})
    assert_status(r, 201, "the new citizen's sign-in")
    r = audit({"actor": cccd, "format": "csv"})
    assert_status(r, 200, "csv of the new citizen")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"),
                                       newline="")))
    head, rows = rows[0], rows[1:]
    check(rows, "no entry of the new citizen")
    for row in rows:
        eq(len(row), len(head), "cells of %s" % row)
        eq(row[head.index("actor_name")], "'" + PLANTED, "neutralised")
        for v in row:
            check(not v or v[0] not in "=+-@", "cell %r" % v)


@test("inspect: the control sheet lists the handovers in order, on time "
      "or late by the due time")
def _():
    code = journey()
    r = api("GET", "/inspect/dossiers/" + code, who="inspector",
            headers={"Accept": "text/html"})
    assert_status(r, 200, "the sheet")
    t = r.text()
    steps = re.findall(r'<tr class="step[^"]*" data-action="([a-z_]+)" '
                       r'data-late="([01]?)"', t)
    eq([a for a, _ in steps], ["submit"] + [s[0] for s in STEPS],
       "the handovers")
    eq(dict(steps), LATE, "on time or late")
    d = get_dossier(code, "inspector")
    eq(d["due_at"], "2026-12-03T09:00:00+07:00", "due time")
    check("Phiếu kiểm soát quá trình giải quyết hồ sơ" in t, "the title")
    check('href="/api/v1/audit?dossier=%s&amp;format=csv' % code in t,
          "the CSV link")
    check("dossier.act" in t, "the trail below")
    r = api("GET", "/inspect/dossiers/" + code + "?lang=en",
            who="inspector", headers={"Accept": "text/html"})
    check("Dossier control sheet" in r.text(), "English")
    for who in (AN, "clerk.thcs-nt"):
        r = api("GET", "/inspect/dossiers/" + code, who=who,
                headers={"Accept": "text/html"})
        eq(r.status, 403, "the sheet as %s" % who)


@test("inspect: the search page lists the dossier's entries and pages")
def _():
    code = journey()
    r = api("GET", "/inspect?dossier=%s" % code, who="inspector",
            headers={"Accept": "text/html"})
    assert_status(r, 200, "/inspect")
    ids = [int(x) for x in re.findall(r'<tr class="entry" data-id="(\d+)"',
                                      r.text())]
    want = [e["id"] for e in
            audit({"dossier": code, "limit": "20"}).json()["entries"]]
    eq(ids, want, "the page's entries")
    check('id="nav-inspect"' in r.text(), "the nav link")
    r = api("GET", "/inspect?from=someday", who="inspector",
            headers={"Accept": "text/html"})
    eq(r.status, 422, "a bad filter")
