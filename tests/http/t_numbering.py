"""Dossier codes past a unit's 9,999th dossier of a day (DOMAIN.md,
"Dossier code"; docs/dossier-codes.md): the number keeps its four
digits up to 9999 and widens after (10000, 10001, ...), up to eight
digits; past 99999999 a submission is refused as "no number left
today" (503), and nothing answers 500.

No test files 10,000 dossiers: the day's counter is set, as the
tables' owner, just below where it matters, on a day no other test
files on (X-Motcua-Now), so that no other test sees a wide number
(each `make test` has a new database: the first test expects the
day's first numbers to be its own).
Then citizens file through nginx as usual, and every route that takes
a code takes the wide ones."""
import json
import os
import re
import subprocess
import time
import uuid

from lib import (PSQL, assert_problem, assert_status, check, db_url, eq,
                 psql, request, test, wait_for)
from t_dossiers import AN, SCHOOL_NT, api, submit, token, transcript

import t_dossiers

TRANSCRIPT = "transcript-certification"
DAY, YYMMDD = "2027-03-16", "270316"    # a Tuesday, a working day
NOW = DAY + "T09:00:00+07:00"
CLERK = "clerk.thcs-nt"
# Four digits up to 9999, then as wide as the number, no leading zero.
NUMBER = r"([0-9]{4}|[1-9][0-9]{4,7})"
CODE_RE = re.compile(r"^%s-%s-%s$" % (re.escape(SCHOOL_NT), YYMMDD, NUMBER))


def setup():
    t_dossiers.setup()


def set_counter(last):
    """The last number given at Nguyễn Trãi on DAY, as the owner."""
    psql("INSERT INTO dossier_counters (unit_id, day, last) SELECT id, "
         "date '%s', %d FROM units WHERE code = '%s' ON CONFLICT "
         "(unit_id, day) DO UPDATE SET last = excluded.last"
         % (DAY, last, SCHOOL_NT))


def counter():
    return int(psql("SELECT last FROM dossier_counters c JOIN units u ON "
                    "u.id = c.unit_id WHERE u.code = '%s' AND c.day = "
                    "date '%s'" % (SCHOOL_NT, DAY)))


def filed_on_day():
    return int(psql("SELECT count(*) FROM dossiers d JOIN units u ON "
                    "u.id = d.unit_id WHERE u.code = '%s' AND d.code LIKE "
                    "'%%-%s-%%'" % (SCHOOL_NT, YYMMDD)))


def number(code):
    m = CODE_RE.match(code)
    check(m, "a dossier code of the unit and day: %r" % code)
    return int(m.group(1))


def file_one(key=None, status=201):
    return submit(TRANSCRIPT, transcript(), who=AN, now=NOW, key=key,
                  status=status)


def highest(below=90000000):
    """The highest number under below filed at the unit on DAY (0:
    none): where a test may go on numbering without meeting a code
    filed already (the last test files the last numbers)."""
    return int(psql("SELECT coalesce(max(n), 0) FROM (SELECT "
                    "substring(d.code FROM '[0-9]+$')::bigint AS n FROM "
                    "dossiers d JOIN units u ON u.id = d.unit_id WHERE "
                    "u.code = '%s' AND d.code LIKE '%%-%s-%%') t WHERE "
                    "n < %d" % (SCHOOL_NT, YYMMDD, below)))


@test("numbering: past 9999 a unit's codes widen, unique and in order")
def _():
    set_counter(9997)
    got = [file_one() for _ in range(4)]
    codes = [d["code"] for d in got]
    eq([number(c) for c in codes], [9998, 9999, 10000, 10001],
       "the numbers of %s" % codes)
    eq(codes[1], "%s-%s-9999" % (SCHOOL_NT, YYMMDD), "the 9999th")
    eq(codes[2], "%s-%s-10000" % (SCHOOL_NT, YYMMDD), "the 10000th")
    eq(len(set(codes)), 4, "unique codes")
    eq(counter(), 10001, "the day's counter")
    ids = [int(x) for x in psql(
        "SELECT string_agg(id::text, ' ' ORDER BY array_position(ARRAY[%s], "
        "code)) FROM dossiers WHERE code IN (%s)"
        % ((",".join("'%s'" % c for c in codes),) * 2)).split()]
    eq(ids, sorted(ids), "numbers in the order of filing")
    # A retried submission (same Idempotency-Key) keeps its number.
    key = str(uuid.uuid4())
    first = file_one(key)["code"]
    eq(file_one(key, status=200)["code"], first, "the retry's code")
    eq(number(first), 10002, "one number for the retry")
    # The citizen's list sorts a day's dossiers by number, not as text
    # ("10000" < "9998"): by due date, then in the order of filing.
    mine = []
    for off in range(0, 1000000, 200):
        r = api("GET", "/api/v1/dossiers?limit=200&offset=%d" % off, who=AN)
        assert_status(r, 200, "the citizen's list")
        page = [d["code"] for d in r.json()["dossiers"]]
        mine += [c for c in page if c in codes]
        if len(page) < 200:
            break
    eq(mine, codes, "the day's dossiers in the list")


@test("numbering: a wide code works wherever a code is taken")
def _():
    set_counter(max(12344, highest()))
    d = file_one()
    code, pin = d["code"], d["pin"]
    check(number(code) >= 10000, "a wide number: %s" % code)
    eq(d["lookup_url"], "/lookup?code=" + code, "the receipt's lookup link")
    r = api("GET", "/api/v1/dossiers/" + code, who=AN)
    assert_status(r, 200, "GET the dossier")
    eq(r.json()["code"], code, "its code")
    r = api("GET", "/api/v1/dossiers?code=" + code, who=CLERK)
    assert_status(r, 200, "the inbox search")
    eq([x["code"] for x in r.json()["dossiers"]], [code], "found by code")
    r = api("GET", "/api/v1/dossiers?code=" + code.lower(), who=CLERK)
    eq([x["code"] for x in r.json()["dossiers"]], [code], "in lower case")
    r = request("POST", "/api/v1/lookup",
                json.dumps({"code": code, "pin": pin}),
                {"Content-Type": "application/json",
                 "Accept": "application/json"})
    assert_status(r, 200, "the public lookup")
    eq((r.json()["code"], r.json()["status"]["code"]), (code, 1),
       "the lookup's answer")
    r = api("POST", "/api/v1/dossiers/%s/actions/receive" % code, {},
            who=CLERK, now=NOW)
    assert_status(r, 200, "the clerk receives it")
    # Not codes: a wide number with a leading zero, a number of three
    # or nine digits.
    for bad in (code[:-len(str(number(code)))] + "01234",
                code[:-len(str(number(code)))] + "123",
                code[:-len(str(number(code)))] + "123456789"):
        r = api("GET", "/api/v1/dossiers?code=" + bad, who=CLERK)
        assert_problem(r, 422, "invalid-field", field="code")


@test("numbering: past the last number, 503 and nothing filed, never 500")
def _():
    set_counter(99999998)
    code = file_one()["code"]
    eq(code, "%s-%s-99999999" % (SCHOOL_NT, YYMMDD), "the last number")
    before = filed_on_day()
    # The counter as a number: past the last one, and at the largest
    # int PostgreSQL holds (one more would overflow it).
    for last in (99999999, 2147483647):
        set_counter(last)
        r = api("POST", "/api/v1/services/%s/dossiers" % TRANSCRIPT,
                {"data": transcript()}, who=AN, now=NOW,
                headers={"Idempotency-Key": str(uuid.uuid4())})
        j = assert_problem(r, 503, "unavailable")
        check("today" in j["detail"], "says why: %s" % j["detail"])
        eq(counter(), last, "the counter stays")
        eq(filed_on_day(), before, "nothing filed")


@test("numbering: waiting on the day's counter past the statement timeout "
      "is 503, not 500")
def _():
    set_counter(max(20000, highest()))
    before = counter()
    # The owner holds the counter's row, as a long submission would.
    env = dict(os.environ, PGAPPNAME="motcua-test-counter")
    holder = subprocess.Popen(
        [PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_url()],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, env=env)
    try:
        holder.stdin.write(
            "BEGIN;\nSELECT last FROM dossier_counters c JOIN units u ON "
            "u.id = c.unit_id WHERE u.code = '%s' AND c.day = date '%s' "
            "FOR UPDATE OF c;\n" % (SCHOOL_NT, DAY))
        holder.stdin.flush()
        wait_for(lambda: psql(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name "
            "= 'motcua-test-counter' AND state = 'idle in transaction'")
            == "1", 10, "the counter held")
        t0 = time.monotonic()
        r = request("POST", "/api/v1/services/%s/dossiers" % TRANSCRIPT,
                    json.dumps({"data": transcript()}),
                    {"Content-Type": "application/json",
                     "Accept": "application/json",
                     "Authorization": "Bearer " + token(AN),
                     "X-Motcua-Now": NOW,
                     "Idempotency-Key": str(uuid.uuid4())}, timeout=40)
        took = time.monotonic() - t0
        assert_problem(r, 503, "unavailable")
        check(r.header("retry-after"), "Retry-After")
        check(took >= 5, "it waited for the statement timeout (%.1f s)"
              % took)
    finally:
        holder.stdin.write("ROLLBACK;\n")
        holder.stdin.close()
        holder.wait(15)
    eq(holder.returncode, 0, "the holder's psql (%s)"
       % holder.stderr.read()[-300:])
    eq(counter(), before, "the counter stays")
    eq(number(file_one()["code"]), before + 1, "the next number")
