"""The background jobs (`motcua jobs`, docs/jobs.md) and the workflows'
timers.  Timers run with the test clock: `motcua jobs --once --kind
timer` with MOTCUA_NOW (a Unix time, MOTCUA_DIAG only) does what is due
at that instant, as X-Motcua-Now does for a request.  The processes of
the lease, SIGTERM and two-process tests run the diag kinds
(diag.sleep, diag.fail) on the real clock.  The stack's own jobs
process claims only "notify" (scripts/stack.sh), which has no handler
here: its jobs wait as 'ready'."""
import datetime
import json
import os
import re
import signal
import subprocess
import time
import uuid

import lib
from lib import check, eq, psql, test
from t_dossiers import AN, SCHOOL_NT, act, api, get_dossier, submit, transcript

import t_dossiers

VN = datetime.timezone(datetime.timedelta(hours=7))
# A plain working week of December 2026: Monday the 7th to Friday the 11th.
MON = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=VN)


def setup():
    t_dossiers.setup()


def iso(t):
    return t.isoformat()


def unix(t):
    return int(t.timestamp())


def at(day, hh, mm=0):
    """That day of the week of MON (0 = Monday) at hh:mm, Vietnam."""
    return (MON + datetime.timedelta(days=day)).replace(hour=hh, minute=mm)


def jobs_env(now=None):
    e = lib.stack_env()
    e.update({"MOTCUA_ROOT": lib.ROOT, "MOTCUA_DATABASE_URL": web_url(),
              "MOTCUA_DIAG": "1", "ASAN_OPTIONS": "detect_leaks=0"})
    if now is not None:
        e["MOTCUA_NOW"] = str(unix(now))
    else:
        e.pop("MOTCUA_NOW", None)
    return e


_web_url = []


def web_url():
    if not _web_url:
        p = subprocess.run([lib.STACK, lib.VAR, "db-url", "motcua_web"],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode == 0, "stack.sh db-url motcua_web")
        _web_url.append(p.stdout.strip())
    return _web_url[0]


def run_timers(now):
    """Everything of kind timer due at `now`, then exit."""
    p = subprocess.run([lib.binary(), "jobs", "--once", "--kind", "timer"],
                       capture_output=True, text=True, timeout=60,
                       env=jobs_env(now))
    check(p.returncode == 0, "motcua jobs --once exited %d: %s"
          % (p.returncode, p.stderr[-600:]))
    return p.stderr


def start_jobs(log, *args):
    f = open(log, "ab")
    p = subprocess.Popen([lib.binary(), "jobs", "--sweep-ms", "200"]
                         + list(args), stdout=f, stderr=f, env=jobs_env(),
                         start_new_session=True)
    f.close()
    return p


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def events(code, action):
    return int(psql("SELECT count(*) FROM dossier_events e JOIN dossiers d "
                    "ON d.id = e.dossier_id WHERE d.code = '%s' AND "
                    "e.action = '%s'" % (code, action)))


def audits(code, action):
    return int(psql("SELECT count(*) FROM audit_log WHERE object = "
                    "'dossier:%s' AND action = '%s'" % (code, action)))


def timer_jobs(code):
    """{(state, kind): [(run_at unix, job state, due)]}"""
    out = {}
    rows = psql("SELECT payload->>'state', payload->>'kind', "
                "extract(epoch FROM run_at)::bigint, state, payload->>'due' "
                "FROM jobs WHERE kind = 'timer' AND payload->>'code' = '%s' "
                "ORDER BY id" % code)
    for ln in rows.split("\n") if rows else []:
        st, kind, run_at, js, due = ln.split("|")
        out.setdefault((st, kind), []).append((int(run_at), js, int(due)))
    return out


def notices(code, kind):
    rows = psql("SELECT payload::text FROM jobs WHERE kind = 'notify' AND "
                "payload->>'dossier' = '%s' AND payload->>'kind' = '%s' "
                "ORDER BY id" % (code, kind))
    return [json.loads(x) for x in rows.split("\n")] if rows else []


def user_id(login):
    return int(psql("SELECT id FROM users WHERE username = '%s'" % login))


def checking(day=0):
    """A transcript certification filed Monday 09:00 and received at
    09:30 (in checking, the academic office's): its code.  Due two
    working days after filing: Wednesday 09:00."""
    rc = submit("transcript-certification", transcript(),
                now=iso(at(day, 9)))
    code = rc["code"]
    eq(rc["due_at"], iso(at(day + 2, 9)), "due_at")
    act(code, "receive", "clerk.thcs-nt", now=iso(at(day, 9, 30)))
    return code


@test("jobs: a transition's notification is in the outbox, with its event")
def _():
    code = checking()
    ev = psql("SELECT e.id FROM dossier_events e JOIN dossiers d ON "
              "d.id = e.dossier_id WHERE d.code = '%s' AND e.action = "
              "'receive'" % code)
    n = notices(code, "dossier.act")
    eq(len(n), 1, "one notify job for the receive")
    eq((n[0]["event"], n[0]["action"], n[0]["state"]),
       (int(ev), "receive", "checking"), "its payload")
    # No handler of "notify" in this build: it waits, visible.
    eq(psql("SELECT state || ' ' || attempts FROM jobs WHERE kind = "
            "'notify' AND payload->>'dossier' = '%s'" % code), "ready 0",
       "waits as ready, never tried")
    m = lib.metrics()
    check(lib.metric(m, "motcua_jobs", kind="notify", state="ready") >= 1,
          "/metrics shows the waiting notify jobs")
    # The timers of the state entered, due from the working calendar:
    # remind 4 working hours before Wednesday 09:00 (1.5 h on Wednesday
    # morning, 2.5 h on Tuesday afternoon: Tuesday 14:30); escalate at
    # the due time.
    tj = timer_jobs(code)
    eq(sorted(tj), [("checking", "escalate"), ("checking", "remind")],
       "the timers of checking")
    eq(tj[("checking", "remind")][0][0], unix(at(1, 14, 30)), "remind at")
    eq(tj[("checking", "escalate")][0][0], unix(at(2, 9)), "escalate at")


@test("jobs: a dossier near its deadline is reminded, once")
def _():
    code = checking()
    run_timers(at(1, 14))
    eq(events(code, "remind"), 0, "not yet at Tuesday 14:00")
    run_timers(at(1, 15))
    eq(events(code, "remind"), 1, "reminded at Tuesday 15:00")
    eq(audits(code, "dossier.reminded"), 1, "audited")
    n = notices(code, "dossier.reminded")
    eq(len(n), 1, "one notification")
    eq((n[0]["to"]["unit"], n[0]["to"]["role"]),
       (SCHOOL_NT, "academic-officer"), "to the holder's role")
    check(user_id("academic-officer.thcs-nt") in n[0]["to"]["users"],
          "naming the academic officer: %r" % n[0])
    run_timers(at(1, 16))
    eq(events(code, "remind"), 1, "still once")
    eq(events(code, "escalate"), 0, "not escalated before due")
    eq(get_dossier(code, "academic-officer.thcs-nt")["overdue"], False,
       "not overdue (the real clock is before the due time)")


@test("jobs: an overdue dossier escalates once and shows overdue")
def _():
    code = checking()
    # The jobs were down: both timers fire late, each once.
    run_timers(at(2, 10))
    eq((events(code, "remind"), events(code, "escalate")), (1, 1),
       "remind and escalate")
    run_timers(at(2, 11))
    eq((events(code, "remind"), events(code, "escalate")), (1, 1), "once")
    eq(audits(code, "dossier.escalated"), 1, "audited")
    n = notices(code, "dossier.escalated")
    eq(len(n), 1, "one notification")
    eq(n[0]["to"]["role"], "principal", "to the head (notify-role)")
    check(user_id("principal.thcs-nt") in n[0]["to"]["users"],
          "naming the principal: %r" % n[0])
    d = get_dossier(code, "academic-officer.thcs-nt")
    eq(d["overdue"], True, "overdue in the API")
    eq(d["escalated_at"], iso(at(2, 10)), "escalated_at")
    r = api("GET", "/api/v1/dossiers?overdue=true&code=" + code,
            who="academic-officer.thcs-nt")
    eq([x["code"] for x in r.json()["dossiers"]], [code],
       "in the inbox's overdue filter")
    r = api("GET", "/api/v1/dossiers?overdue=false&code=" + code,
            who="academic-officer.thcs-nt")
    eq(r.json()["dossiers"], [], "not in the not-overdue one")
    jar, _ = lib_signin("academic-officer.thcs-nt")
    t = lib.get("/inbox?due=overdue&code=" + code, headers={
        "Cookie": jar, "Accept": "text/html"}).text()
    check(code in t, "the staff's inbox page lists it as overdue")
    r = lib.get("/inbox/" + code, headers={"Cookie": jar,
                                           "Accept": "text/html"})
    lib.assert_status(r, 200, "the staff's page of the dossier")
    check('class="flag flag-overdue"' in r.text(),
          "the dossier's page shows it overdue")
    ev = [e for e in d["events"] if e.get("action") == "escalate"]
    eq(len(ev), 1, "the escalation is in its history")


def lib_signin(login):
    from t_pages_citizen import cookie_header, signin
    jar, r = signin(login)
    return cookie_header(jar), r


@test("jobs: a supplement pause moves the timers")
def _():
    code = checking()
    act(code, "request_supplement", "academic-officer.thcs-nt",
        now=iso(at(0, 10)), reason="Thiếu giấy tờ.")
    # Paused: nothing fires, not at the remind time nor the old due time.
    run_timers(at(1, 15))
    eq(events(code, "remind"), 0, "no reminder while paused")
    # Resumed Thursday 10:00: the clock was paused three working days.
    act(code, "supplement", AN, now=iso(at(3, 10)), comment="Đã bổ sung.")
    due = get_dossier(code, AN)["due_at"]
    eq(due, iso(at(7, 9)), "due Monday 14 December 09:00")
    # The old escalate job (Wednesday 09:00) finds the due time moved
    # and does nothing; the new ones wait for the new due time.
    run_timers(at(3, 11))
    eq((events(code, "remind"), events(code, "escalate")), (0, 0),
       "nothing at Thursday 11:00")
    old = [x for x in timer_jobs(code)[("checking", "escalate")]
           if x[2] == unix(at(2, 9))]
    eq([x[1] for x in old], ["done"], "the old escalate job is done")
    new = [x for x in timer_jobs(code)[("checking", "escalate")]
           if x[2] == unix(at(7, 9))]
    eq([x[0] for x in new], [unix(at(7, 9))], "a new one at the new due")
    run_timers(at(7, 8, 59))
    eq((events(code, "remind"), events(code, "escalate")), (1, 0),
       "reminded before the new due, not escalated")
    run_timers(at(7, 9, 1))
    eq(events(code, "escalate"), 1, "escalated after the new due")


# --- the process ------------------------------------------------------------

def enqueue(kind, payload, n=1, key=None):
    """n jobs due now (the database's clock); their ids."""
    keyexpr = "NULL" if key is None else "'%s-' || i" % key
    out = psql("SELECT jobs_add('%s', '%s'::jsonb, %s, now()) FROM "
               "generate_series(1, %d) i" % (kind, json.dumps(payload),
                                              keyexpr, n))
    return [int(x) for x in out.split("\n")]


def job(i):
    row = psql("SELECT state, attempts, coalesce(locked_by, ''), "
               "coalesce(last_error, ''), extract(epoch FROM run_at)::bigint "
               "FROM jobs WHERE id = %d" % i).split("|")
    return {"state": row[0], "attempts": int(row[1]), "by": row[2],
            "error": row[3], "run_at": int(row[4])}


def logfile(name):
    return os.path.join(lib.VAR, "log", "jobs-%s-%s.log"
                        % (name, uuid.uuid4().hex[:8]))


@test("jobs: kill -9 mid-job: it runs again after the lease, once")
def _():
    la, lb = logfile("a"), logfile("b")
    a = start_jobs(la, "--kind", "diag.sleep", "--lease", "3")
    try:
        lib.wait_for(lambda: "jobs " in read(la), 10, "process a up")
        (i,) = enqueue("diag.sleep", {"ms": 2000})
        lib.wait_for(lambda: job(i)["state"] == "running", 10, "a runs it")
        check(":%d:" % a.pid in job(i)["by"], "a holds it")
        a.kill()
        a.wait(5)
        b = start_jobs(lb, "--kind", "diag.sleep", "--lease", "3")
        try:
            time.sleep(1)
            eq((job(i)["state"], job(i)["attempts"]), ("running", 1),
               "within the lease nobody takes it")
            lib.wait_for(lambda: job(i)["state"] == "done", 15,
                         "b runs it after the lease")
            eq(job(i)["attempts"], 2, "attempts")
            check(":%d:" % b.pid in job(i)["by"], "b ran it")
        finally:
            stop(b)
        eq(read(la).count("diag.sleep job %d end" % i), 0, "a never ended")
        eq(read(lb).count("diag.sleep job %d end" % i), 1, "b ran it once")
    finally:
        if a.poll() is None:
            a.kill()


@test("jobs: two processes over 200 jobs run each exactly once")
def _():
    la, lb = logfile("a"), logfile("b")
    a = start_jobs(la, "--kind", "diag.sleep")
    b = start_jobs(lb, "--kind", "diag.sleep")
    try:
        lib.wait_for(lambda: "jobs " in read(la) and "jobs " in read(lb),
                     10, "both up")
        ids = enqueue("diag.sleep", {"ms": 5}, 200)
        lo, hi = min(ids), max(ids)
        lib.wait_for(lambda: psql(
            "SELECT count(*) FROM jobs WHERE id BETWEEN %d AND %d AND "
            "state = 'done'" % (lo, hi)) == "200", 60, "all 200 done")
    finally:
        stop(a)
        stop(b)
    eq(psql("SELECT count(*) FROM jobs WHERE id BETWEEN %d AND %d AND "
            "attempts = 1" % (lo, hi)), "200", "each claimed once")
    runs = re.findall(r"diag\.sleep job ([0-9]+) start", read(la) + read(lb))
    mine = [int(x) for x in runs if lo <= int(x) <= hi]
    eq(len(mine), 200, "200 runs")
    eq(len(set(mine)), 200, "no job run twice")
    na = int(psql("SELECT count(*) FROM jobs WHERE id BETWEEN %d AND %d AND "
                  "locked_by LIKE '%%:%d:%%'" % (lo, hi, a.pid)))
    check(0 < na < 200, "both processes worked (a ran %d)" % na)


@test("jobs: SIGHUP reloads; SIGTERM finishes the job in hand, exits")
def _():
    log = logfile("t")
    p = start_jobs(log, "--kind", "diag.sleep")
    try:
        lib.wait_for(lambda: "jobs " in read(log), 10, "up")
        p.send_signal(signal.SIGHUP)
        lib.wait_for(lambda: "definitions reloaded" in read(log), 10,
                     "SIGHUP reloads the definitions")
        (i,) = enqueue("diag.sleep", {"ms": 1500})
        lib.wait_for(lambda: job(i)["state"] == "running", 10, "running")
        (k,) = enqueue("diag.sleep", {"ms": 0})
        t0 = time.monotonic()
        p.send_signal(signal.SIGTERM)
        eq(p.wait(20), 0, "exit status")
        check(time.monotonic() - t0 > 0.5, "it waited for the job")
        eq(job(i)["state"], "done", "the job in hand finished")
        eq((job(k)["state"], job(k)["attempts"]), ("ready", 0),
           "the next one was not started")
        check("stopped" in read(log), "it says it stopped")
    finally:
        if p.poll() is None:
            p.kill()
    psql("UPDATE jobs SET state = 'done', done_at = now() WHERE id = %d" % k)


def run_once(now, kind):
    p = subprocess.run([lib.binary(), "jobs", "--once", "--kind", kind],
                       capture_output=True, text=True, timeout=60,
                       env=jobs_env(now))
    check(p.returncode == 0, "jobs --once: %s" % p.stderr[-400:])


@test("jobs: a failing job backs off, then is dead with its error")
def _():
    (i,) = enqueue("diag.fail", {})
    psql("UPDATE jobs SET max_attempts = 3 WHERE id = %d" % i)
    t = datetime.datetime.now(VN).replace(microsecond=0) + \
        datetime.timedelta(seconds=30)
    run_once(t, "diag.fail")
    j = job(i)
    eq((j["state"], j["attempts"], j["error"]),
       ("ready", 1, "diag.fail: asked to fail"), "first failure")
    d1 = j["run_at"] - unix(t)
    check(2 <= d1 <= 5, "first backoff 2.5..5 s, got %d" % d1)
    run_once(t, "diag.fail")
    eq(job(i)["attempts"], 1, "not again before its time")
    t2 = t + datetime.timedelta(seconds=d1)
    run_once(t2, "diag.fail")
    j = job(i)
    d2 = j["run_at"] - unix(t2)
    eq((j["state"], j["attempts"]), ("ready", 2), "second failure")
    check(5 <= d2 <= 10, "second backoff 5..10 s, got %d" % d2)
    run_once(t2 + datetime.timedelta(seconds=d2), "diag.fail")
    j = job(i)
    eq((j["state"], j["attempts"], j["error"]),
       ("dead", 3, "diag.fail: asked to fail"), "dead after 3")
    run_once(t2 + datetime.timedelta(hours=5), "diag.fail")
    eq(job(i)["attempts"], 3, "a dead job is not run")
    m = lib.metrics()
    check(lib.metric(m, "motcua_jobs", kind="diag.fail", state="dead") >= 1,
          "dead letters in /metrics")
    check(lib.metric(m, "motcua_job_failures_total", kind="diag.fail") >= 3,
          "failures in /metrics")
    p = subprocess.run([lib.binary(), "jobs", "--stats"], capture_output=True,
                       text=True, timeout=30, env=jobs_env())
    eq(p.returncode, 0, "jobs --stats")
    check(re.search(r"^diag\.fail +dead +[1-9]", p.stdout, re.M),
          "--stats shows the dead letter: %s" % p.stdout[-400:])


@test("jobs: a job of an unknown kind waits as ready")
def _():
    (i,) = enqueue("test.unknown", {})
    p = subprocess.run([lib.binary(), "jobs", "--once", "--kind",
                        "diag.sleep"], capture_output=True,
                       text=True, timeout=60, env=jobs_env(
                           datetime.datetime.now(VN) +
                           datetime.timedelta(seconds=5)))
    eq(p.returncode, 0, "jobs --once")
    eq((job(i)["state"], job(i)["attempts"]), ("ready", 0), "untouched")
    m = lib.metrics()
    check(lib.metric(m, "motcua_jobs", kind="test.unknown", state="ready")
          >= 1, "visible in /metrics")
