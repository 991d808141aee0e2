"""The periodic report on one-stop processing (docs/statistics.md):
GET /api/v1/reports/one-stop against a fixture of dossiers written by
hand, inserted as the owner in SQL, across the bounds of the first
quarter of 2021 (no other test files dossiers then), with the expected
figures computed by hand below, one comment per number; the CSV against
the JSON; who may read it."""
import csv
import io
import json
from datetime import datetime

from lib import assert_status, check, eq, psql, test
from t_dossiers import AN, DEPARTMENT, OFFICE_BD, SCHOOL_NGT, SCHOOL_NT, api
from t_dossiers import setup as demo_setup
from t_rls import unit_id, user_id, web_psql

SERVICE = "transcript-certification"
PERIOD = "from=2021-01-01&to=2021-04-01"
DIGEST = "5" * 64       # a definition version of the fixture's own
TAG = "210"             # fixture codes: UNIT-210xxx-NNNN


def at(s):
    """A local time (UTC+7) as SQL and as Unix time."""
    t = datetime.fromisoformat(s + "+07:00")
    return "'%s'::timestamptz" % t.isoformat(), int(t.timestamp())


# Each dossier: unit, channel (1 in person, 2 online, 3 post), received,
# due, completed (or None), status, pauses [(from, to or None)], number
# of supplement requests, result issued (the 'approve' event), files
# attached, rating.
FIXTURE = {
    # Carried over, still open at the end, due long before: overdue.
    "D1": (SCHOOL_NT, 2, "2020-12-20T09:00", "2020-12-22T09:00", None, 4,
           [], 0, False, False, None),
    # Carried over, resolved on 4 January, a day before its due day:
    # early; result issued and files attached: digitised; 5 days.
    "D2": (SCHOOL_NT, 2, "2020-12-30T10:00", "2021-01-05T17:00",
           "2021-01-04T10:00", 10, [], 0, True, True, "satisfied"),
    # Completed before the period: not in it at all.
    "D3": (SCHOOL_NT, 2, "2020-12-01T09:00", "2020-12-03T09:00",
           "2020-12-15T09:00", 10, [], 0, True, False, None),
    # New, online, completed on its due day an hour early: on time;
    # 2 days less an hour.
    "D4": (SCHOOL_NT, 2, "2021-02-01T08:00", "2021-02-03T08:00",
           "2021-02-03T07:00", 10, [], 0, True, False, "satisfied"),
    # New, in person, completed three days late; files, no e-result.
    "D5": (SCHOOL_NT, 1, "2021-02-10T09:00", "2021-02-12T09:00",
           "2021-02-15T09:00", 10, [], 0, False, True, "dissatisfied"),
    # New, online, supplemented twice, completed before its due day:
    # late all the same (766); 4 days less 45 paused hours.
    "D6": (SCHOOL_NT, 2, "2021-03-01T09:00", "2021-03-10T09:00",
           "2021-03-05T09:00", 10,
           [("2021-03-02T09:00", "2021-03-03T09:00"),
            ("2021-03-03T12:00", "2021-03-04T09:00")], 2, True, False, None),
    # New, online, withdrawn by the citizen.
    "D7": (SCHOOL_NT, 2, "2021-03-10T09:00", "2021-03-12T09:00",
           "2021-03-11T09:00", 7, [], 0, False, False, None),
    # New, online, refused at reception.
    "D8": (SCHOOL_NT, 2, "2021-03-15T09:00", "2021-03-17T09:00",
           "2021-03-15T12:00", 3, [], 0, False, False, None),
    # New, by post, paused (a supplement asked) since before its due
    # time and still at the end: in progress within the deadline, paused.
    "D9": (SCHOOL_NT, 3, "2021-03-25T09:00", "2021-03-29T09:00", None, 5,
           [("2021-03-27T09:00", None)], 1, False, False, None),
    # New, online, due after the end: in progress within the deadline.
    "D10": (SCHOOL_NT, 2, "2021-03-31T15:00", "2021-04-02T15:00", None, 4,
            [], 0, False, False, None),
    # Received at the end itself: the next period's.
    "D11": (SCHOOL_NT, 2, "2021-04-01T00:00", "2021-04-05T00:00", None, 1,
            [], 0, False, False, None),
    # Received at the start itself, completed at the end itself: in the
    # period, and still in progress at its end, overdue.
    "D12": (SCHOOL_NT, 2, "2021-01-01T00:00", "2021-01-05T00:00",
            "2021-04-01T00:00", 10, [], 0, False, False, None),
    # Another district's school: only in the department's report.
    "D13": (SCHOOL_NGT, 2, "2021-02-01T09:00", "2021-05-01T09:00", None, 4,
            [], 0, False, False, None),
}


def insert(name, f):
    unit, ch, rec, due, done, status, pauses, supp, result, files, rating = f
    code = "%s-%s%03d-%04d" % (unit, TAG, int(name[1:]), 1)
    pj = json.dumps([[at(a)[1], at(b)[1] if b else None] for a, b in pauses])
    state = {10: "returned", 7: "withdrawn", 3: "refused", 5: "supplement",
             4: "checking", 1: "submitted"}[status]
    sql = ("INSERT INTO dossiers (code, service, version, applicant_id, "
           "unit_id, state, status, data, pin_hash, pin_salt, channel, "
           "received_at, due_at, completed_at, paused, idempotency_key, "
           "rating, rated_at) SELECT '%s', '%s', '%s', (SELECT id FROM users "
           "WHERE cccd = '%s'), (SELECT id FROM units WHERE code = '%s'), "
           "'%s', %d, '{}', decode(repeat('00', 32), 'hex'), repeat('0', 32), "
           "%d, %s, %s, %s, '%s', encode(sha256('%s'::bytea), 'hex'), %s, %s "
           "RETURNING id" % (
               code, SERVICE, DIGEST, AN, unit, state, status, ch, at(rec)[0],
               at(due)[0], at(done)[0] if done else "NULL", pj, code,
               "'%s'" % rating if rating else "NULL",
               at(done)[0] if rating else "NULL"))
    did = psql(sql).splitlines()[0]
    ev = ("INSERT INTO dossier_events (dossier_id, at, actor_kind, action, "
          "from_state, to_state) VALUES (%s, %s, 'staff', '%s', '%s', '%s')")
    for i in range(supp):
        psql(ev % (did, at(rec)[0], "request_supplement", "checking",
                   "supplement"))
    if result:
        psql(ev % (did, at(done)[0], "approve", "approving", "result_ready"))
    if files:
        psql("INSERT INTO attachments (dossier_id, field, filename, mime, "
             "size, sha256, content) VALUES (%s, 'files', 'a.pdf', "
             "'application/pdf', 1, repeat('0', 64), 'x')" % did)


def setup():
    demo_setup()
    if psql("SELECT count(*) FROM definitions WHERE digest = '%s'"
            % DIGEST) == "1":
        return
    psql("INSERT INTO definitions (digest, code) VALUES ('%s', '%s')"
         % (DIGEST, SERVICE))
    for name, f in FIXTURE.items():
        insert(name, f)


def report(who, query, status=200, headers=None):
    r = api("GET", "/api/v1/reports/one-stop?" + query, who=who,
            headers=headers)
    assert_status(r, status, "report %s as %s" % (query, who))
    return r


def line(rep, service):
    for s in rep["services"]:
        if s["service"] == service:
            return s
    check(False, "no line for %s" % service)


# The school's report on the first quarter of 2021, by hand.
NT_COUNTS = {
    "received": 9,             # D1 D2 D4 D5 D6 D7 D9 D10 D12 (not D3
                               # done before, D8 refused, D11 after)
    "carried_over": 2,         # D1 D2: received before 1 January
    "received_in_period": 7,   # D4 D5 D6 D7 D9 D10 D12 (D12 at 00:00)
    "online": 5,               # D4 D6 D7 D10 D12
    "in_person": 1,            # D5
    "by_post": 1,              # D9
    "resolved": 4,             # D2 D4 D5 D6 (D7 withdrawn is not)
    "resolved_early": 1,       # D2: a day before its due day
    "resolved_on_time": 1,     # D4: on its due day, before its due time
    "resolved_late": 2,        # D5 after its due time; D6 supplemented
                               # twice
    "in_progress": 4,          # D1 D9 D10 and D12 (completed at the end
                               # itself: not before it)
    "in_progress_within": 2,   # D9 (paused: its clock stopped) D10
    "in_progress_overdue": 2,  # D1 D12
    "paused": 1,               # D9
    "withdrawn": 1,            # D7
    "refused": 1,              # D8
    "apology_letters_due": 4,  # late 2 + overdue 2
    "online_with_e_result": 2,  # D4 D6 (new, online, result issued)
    "with_e_result": 3,        # D2 D4 D6 among the resolved
    "with_fee": 0,             # the service has no fee
    "paid_online": 0,
    "digitised": 1,            # D2: files and result (D5 has no result)
    "rated": 3,                # D2 D4 D5
    "dissatisfied": 1,         # D5
}
NT_RATES = {
    "on_time": (4, 8, "50.00"),   # early 1 + on time 1 + within 2, over
                                  # resolved 4 + in progress 4
    "online": (2, 7, "28.57"),    # online with e-result 2 / new 7
    "e_result": (3, 4, "75.00"),  # 3 of the 4 resolved
    "paid_online": (0, 0, None),  # no fee asked: no rate
    "digitised": (1, 4, "25.00"),  # 1 of the 4 resolved
    # 100% - late rate 4/8 (50.00) - dissatisfied 1/3 (33.33) = 16.67
    "satisfaction": (1667, 10000, "16.67"),
}
# D2 5 d + D4 (2 d - 1 h) + D5 5 d + D6 (4 d - 45 h paused) = 1,216,800 s
# over 4 = 3.5208 days.
NT_AVG_DAYS = "3.52"


def check_line(got, counts, rates, avg, what):
    eq(got["counts"], counts, what + ": counts")
    eq({k: (v["num"], v["den"], v["percent"])
        for k, v in got["indicators"].items()}, rates, what + ": indicators")
    eq(got["avg_processing_days"], avg, what + ": average days")


@test("reports: a school's quarter matches the hand-computed fixture")
def _():
    rep = report("principal.thcs-nt", "unit=%s&%s" % (SCHOOL_NT, PERIOD))
    r = rep.json()
    eq((r["unit"]["code"], r["from"], r["to"], r["subunits"]),
       (SCHOOL_NT, "2021-01-01", "2021-04-01", False), "the report's head")
    check_line(line(r, SERVICE), NT_COUNTS, NT_RATES, NT_AVG_DAYS, SERVICE)
    # No school transfer at the school then: zeros, no rates.
    zero = line(r, "school-transfer")
    check(all(v == 0 for v in zero["counts"].values()), "transfers: zero")
    eq(zero["avg_processing_days"], None, "transfers: no average")
    check_line(r["total"], NT_COUNTS, NT_RATES, NT_AVG_DAYS, "total")
    # One service only.
    r = report("principal.thcs-nt", "unit=%s&%s&service=%s"
               % (SCHOOL_NT, PERIOD, SERVICE)).json()
    eq([s["service"] for s in r["services"]], [SERVICE], "one service")
    check_line(r["total"], NT_COUNTS, NT_RATES, NT_AVG_DAYS, "one: total")


@test("reports: sub-units count for the office and the department")
def _():
    # The district office receives nothing itself; its school does.
    r = report("head.pgd-bd", "unit=%s&%s" % (OFFICE_BD, PERIOD)).json()
    eq(r["total"]["counts"]["received"], 0, "the office alone")
    r = report("head.pgd-bd", "unit=%s&%s&subunits=1"
               % (OFFICE_BD, PERIOD)).json()
    eq(r["total"]["counts"], NT_COUNTS, "the office with its schools")
    # The department with every unit: D13 at Nghĩa Tân too (new, online,
    # in progress within its deadline).
    want = dict(NT_COUNTS)
    for k in ("received", "received_in_period", "online", "in_progress",
              "in_progress_within"):
        want[k] += 1
    r = report("inspector", "unit=%s&%s&subunits=1"
               % (DEPARTMENT, PERIOD)).json()
    eq(r["total"]["counts"], want, "the department with its units")
    # on time: (1 + 1 + 3) / (4 + 5)
    eq(r["total"]["indicators"]["on_time"]["percent"], "55.56",
       "the department's on-time rate")


@test("reports: the CSV says what the JSON says")
def _():
    q = "unit=%s&%s&subunits=1" % (DEPARTMENT, PERIOD)
    j = report("head.sgd", q).json()
    for how in ({"query": "&format=csv"}, {"headers": {"Accept": "text/csv"}}):
        r = report("head.sgd", q + how.get("query", ""),
                   headers=how.get("headers"))
        check(r.header("content-type", "").startswith("text/csv"),
              "content type %r" % r.header("content-type"))
        rows = list(csv.DictReader(io.StringIO(r.text())))
        eq([x["service"] for x in rows],
           [s["service"] for s in j["services"]] + ["total"], "CSV rows")
        for row, js in zip(rows, j["services"] + [j["total"]]):
            for k, v in js["counts"].items():
                eq(int(row[k]), v, "CSV %s %s" % (row["service"], k))
            for k, v in js["indicators"].items():
                eq(row[k + "_percent"], v["percent"] or "",
                   "CSV %s %s" % (row["service"], k))
            eq(row["avg_processing_days"], js["avg_processing_days"] or "",
               "CSV average")


@test("reports: only inspectors and heads of the unit or above may read")
def _():
    q = "unit=%s&%s" % (SCHOOL_NT, PERIOD)
    for who in ("principal.thcs-nt", "head.pgd-bd", "head.sgd", "inspector"):
        report(who, q)
    for who in (AN, "clerk.thcs-nt", "head.pgd-cg", "principal.thcs-ngt"):
        r = report(who, q, status=403)
        check(r.header("content-type", "").startswith(
            "application/problem+json"), "403 as a problem for %s" % who)
    # A principal may not read the office above the school.
    report("principal.thcs-nt", "unit=%s&%s" % (OFFICE_BD, PERIOD), 403)
    n = psql("SELECT count(*) FROM audit_log WHERE action = "
             "'report.denied' AND object = 'unit:%s'" % OFFICE_BD)
    check(int(n) >= 1, "the refusal is audited")
    # The second wall: the function itself, called as the server's role
    # by the head of another district, gives nothing; by the head of the
    # school's district, its groups.
    for head, office, some in (("head.pgd-cg", "000.00.12.H26", False),
                               ("head.pgd-bd", OFFICE_BD, True)):
        ok, out = web_psql(
            "SELECT set_config('motcua.kind', 'staff', false), "
            "set_config('motcua.unit_id', '%s', false), "
            "set_config('motcua.user_id', '%s', false); "
            "SELECT count(*) FROM report_facts(%s, false, '2021-01-01', "
            "'2021-04-01', NULL, '{head}', '{}', '{}', '{}')"
            % (unit_id(office), user_id(head), unit_id(SCHOOL_NT)))
        check(ok, "report_facts as %s: %s" % (head, out))
        eq(int(out.splitlines()[-1]) > 0, some,
           "report_facts of the school for %s" % head)


@test("reports: bad parameters are refused with the field")
def _():
    base = "unit=%s&from=2021-01-01&to=2021-04-01" % SCHOOL_NT
    for q, field in (("from=2021-01-01&to=2021-04-01", "unit"),
                     ("unit=%s&to=2021-04-01" % SCHOOL_NT, "from"),
                     ("unit=%s&from=2021-02-30&to=2021-04-01" % SCHOOL_NT,
                      "from"),
                     ("unit=%s&from=2021-04-01&to=2021-04-01" % SCHOOL_NT,
                      "to"),
                     ("unit=%s&from=2001-01-01&to=2021-04-01" % SCHOOL_NT,
                      "to"),
                     (base + "&service=nope", "service"),
                     (base + "&subunits=yes", "subunits"),
                     (base + "&format=xml", "format")):
        r = report("inspector", q, status=422)
        eq(r.json().get("field"), field, "field of %s" % q)
    r = report("inspector", "unit=999.99.99.H26&from=2021-01-01&"
               "to=2021-04-01", status=404)
    eq(r.json().get("field"), "unit", "unknown unit")


@test("reports: the page shows the table and its charts, drawn as SVG")
def _():
    q = "/reports?unit=%s&%s" % (SCHOOL_NT, PERIOD)
    r = api("GET", q, who="principal.thcs-nt", headers={"Accept": "text/html"})
    assert_status(r, 200, "the report page")
    html = r.text()
    j = report("principal.thcs-nt", "unit=%s&%s" % (SCHOOL_NT, PERIOD)).json()
    eq(html.count('class="chart chart-bar"'), len(j["services"]) + 1,
       "a bar per service and the total")
    check('class="chart chart-rates"' in html, "the indicators' chart")
    check("<script" not in html, "no script")
    # The total column of the table: received 9, on time 50.00.
    for row, want in (("c-received", "9"), ("c-resolved_late", "2"),
                      ("r-on_time", "50.00"), ("r-paid_online", "–")):
        i = html.index('<tr class="%s">' % row)
        tr = html[i:html.index("</tr>", i)]
        eq(tr.rsplit("<td>", 1)[1].split("</td>")[0], want, "total of " + row)
    # The form alone, filled with the principal's school.
    r = api("GET", "/reports", who="principal.thcs-nt",
            headers={"Accept": "text/html"})
    assert_status(r, 200, "the form alone")
    check('value="%s"' % SCHOOL_NT in r.text(), "the school in the form")
    for who in (AN, "clerk.thcs-nt"):
        r = api("GET", q, who=who, headers={"Accept": "text/html"})
        eq(r.status, 403, "the page for %s" % who)
