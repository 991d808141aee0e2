"""Processes: a worker killed under load, SIGHUP under load, PostgreSQL
going away and coming back, migrations, and the SIGTERM drain (last)."""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from lib import (ROOT, Async, Load, alive, assert_problem, assert_status,
                 binary, check, children, db_url, eq, get, log_lines,
                 log_msgs, log_size, master_pid, metric, metrics, psql,
                 request, short, stack, stack_env, test, wait_for,
                 wait_stable)

JSON = {"Accept": "application/json"}


# --- workers -----------------------------------------------------------------

@test("workers: kill -9 of a worker under load: <= 1 failure, replaced")
def _():
    wait_stable()
    m = master_pid()
    before = children(m)
    restarts = metric(metrics(), "motcua_worker_restarts_total")
    victim = min(before)
    log0 = log_size()
    load = Load(8).start()
    time.sleep(1.0)
    os.kill(victim, signal.SIGKILL)
    time.sleep(2.0)
    ok, failures = load.stop()
    check(ok > 100, "only %d requests succeeded under load" % ok)
    check(len(failures) <= 1, "%d failed requests (of %d): %s"
          % (len(failures), ok + len(failures), failures[:5]))

    def replaced():
        w = children(m)
        mm = metrics()
        return (len(w) == 2 and victim not in w
                and metric(mm, "motcua_workers") == 2
                and metric(mm, "motcua_worker_restarts_total") == restarts + 1)
    wait_for(replaced, 10, "a new worker for %d, restarts %d -> %d"
             % (victim, restarts, restarts + 1))
    after = children(m)
    eq(after & before, before - {victim}, "the other worker lives on")
    eq(master_pid(), m, "master pid")
    assert_status(get("/healthz"), 200, "healthz after")
    # The master says so in the log, once, without waiting for its next
    # message.
    what = "worker %d died (signal 9)" % victim
    wait_for(lambda: log_msgs(log0, m, what), 5, "log line %r" % what)
    time.sleep(0.2)
    eq(len(log_msgs(log0, m, what)), 1, "log lines %r" % what)


@test("workers: SIGHUP under load: no failure, slow request ends, new pids")
def _():
    wait_stable()
    m = master_pid()
    old = children(m)
    gen = metric(metrics(), "motcua_generation")
    restarts = metric(metrics(), "motcua_worker_restarts_total")
    log0 = log_size()
    slow = Async(get, "/_diag/sleep?ms=1500", timeout=15)
    time.sleep(0.3)                       # the slow one is in a worker now
    load = Load(8).start()
    time.sleep(0.5)
    t_hup = time.monotonic()
    os.kill(m, signal.SIGHUP)
    time.sleep(2.0)
    ok, failures = load.stop()
    r = slow.result()
    assert_status(r, 200, "the slow request in flight at SIGHUP")
    eq(r.json(), {"slept_ms": 1500}, "slow body")
    check(ok > 100, "only %d requests succeeded under load" % ok)
    eq(failures, [], "failed requests during SIGHUP")

    def renewed():
        w = children(m)
        return len(w) == 2 and not (w & old)
    wait_for(renewed, 10, "two new workers and none of %s" % sorted(old))
    mm = metrics()
    eq(metric(mm, "motcua_generation"), gen + 1, "motcua_generation")
    eq(metric(mm, "motcua_workers"), 2, "motcua_workers")
    eq(metric(mm, "motcua_worker_restarts_total"), restarts,
       "restarts (a reload is no restart)")
    eq(master_pid(), m, "master pid")
    check(time.monotonic() - t_hup < 15, "reload too slow")
    assert_status(get("/healthz"), 200, "healthz after")
    what = "reload: generation %d" % (gen + 1)
    wait_for(lambda: log_msgs(log0, m, what), 5, "log line %r" % what)
    time.sleep(0.2)
    eq(len(log_msgs(log0, m, what)), 1, "log lines %r" % what)


# --- PostgreSQL --------------------------------------------------------------

@test("postgres: stopped -> /healthz 503 problem; started -> 200, no restart")
def _():
    wait_stable()
    m = master_pid()
    workers = children(m)
    restarts = metric(metrics(), "motcua_worker_restarts_total")
    stack("pg-stop")
    try:
        for _ in range(4):                # reach both workers
            r = get("/healthz", headers=JSON)
            j = assert_problem(r, 503, "unavailable")
            eq(r.header("retry-after"), "5", "Retry-After")
            eq(r.header("cache-control"), "no-store", "Cache-Control")
            eq(j["title_vi"], "Dịch vụ tạm thời gián đoạn", "title_vi")
        r = get("/healthz")
        assert_status(r, 503, "healthz for a browser")
        check(r.header("content-type", "").startswith("text/html"),
              "browser page: %s" % r.header("content-type"))
        r = request("HEAD", "/healthz")
        assert_status(r, 503, "HEAD /healthz")
        eq(r.body, b"", "HEAD body")
        assert_status(get("/metrics"), 200, "/metrics without the database")
        eq(children(m), workers, "worker pids while the database is down")
    finally:
        stack("pg-start")
    t0 = time.monotonic()
    # A worker whose reconnect failed while PostgreSQL was starting
    # tries again after its back-off (1 s): wait for every worker.
    # Idle workers take requests as they come, so one may answer many in
    # a row while another still waits: ask enough times to reach all.
    wait_for(lambda: all(get("/healthz", timeout=5).status == 200
                         for _ in range(30)), 15,
             "/healthz 200 from every worker after pg-start")
    took = time.monotonic() - t0
    for i in range(10):                   # every worker has reconnected
        r = get("/healthz")
        assert_status(r, 200, "healthz %d after recovery" % i)
    eq(r.json(), {"status": "ok", "database": "ok"}, "body")
    eq(master_pid(), m, "master pid")
    eq(children(m), workers, "worker pids")
    eq(metric(metrics(), "motcua_worker_restarts_total"), restarts,
       "motcua_worker_restarts_total")
    check(took < 10, "recovery took %.1f s" % took)


# --- migrations --------------------------------------------------------------

def migrate(root):
    env = stack_env()
    env["MOTCUA_DATABASE_URL"] = db_url()
    env["MOTCUA_ROOT"] = root
    return subprocess.run([binary(), "migrate"], capture_output=True,
                          text=True, timeout=60, env=env)


def n_migrations(d):
    return len([f for f in os.listdir(d)
                if re.match(r"^\d{4}_.+\.sql$", f)])


@test("migrate: a second run applies nothing (0 applied, N in all)")
def _():
    for _ in range(2):
        p = migrate(ROOT)
        eq(p.returncode, 0, "exit status (stderr: %s)" % short(p.stderr))
        n = n_migrations(os.path.join(ROOT, "migrations"))
        check(n >= 1, "no migrations in %s" % ROOT)
        eq(p.stdout.strip().splitlines()[-1:],
           ["migrations: 0 applied, %d in all" % n], "last line of stdout")
    names = set(psql("SELECT name FROM schema_migrations").split())
    for f in os.listdir(os.path.join(ROOT, "migrations")):
        if re.match(r"^\d{4}_.+\.sql$", f):
            check(f in names, "%s not in schema_migrations: %s"
                  % (f, sorted(names)))


def failing_migration(lines, want_line):
    """Copy migrations/ plus 9999_bad.sql to a temporary root, migrate,
    and check that the failing file left nothing behind."""
    table = "motcua_test_bad_%s" % os.urandom(4).hex()
    tmp = tempfile.mkdtemp(prefix="motcua-migrate-")
    try:
        os.chmod(tmp, 0o755)
        mig = os.path.join(tmp, "migrations")
        shutil.copytree(os.path.join(ROOT, "migrations"), mig)
        bad = os.path.join(mig, "9999_bad.sql")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("\n".join(ln.replace("TABLE_X", table) for ln in lines)
                    + "\n")
        p = migrate(tmp)
        eq(p.returncode, 1, "exit status (stdout %s, stderr %s)"
           % (short(p.stdout), short(p.stderr)))
        if want_line is None:
            want = re.escape(bad) + r": ERROR: "
        else:
            want = re.escape("%s:%d: ERROR: " % (bad, want_line))
        check(re.search("^" + want, p.stderr, re.M),
              "stderr lacks %r: %s" % (want, short(p.stderr, 800)))
        check("9999_bad.sql not applied; the database is as it was before it"
              in p.stderr, "stderr lacks 'not applied...': %s"
              % short(p.stderr, 800))
        eq(psql("SELECT to_regclass('public.%s') IS NULL" % table), "t",
           "table %s is gone" % table)
        eq(psql("SELECT count(*) FROM schema_migrations WHERE name LIKE "
                "'9999%'"), "0", "rows of 9999 in schema_migrations")
        n = n_migrations(os.path.join(ROOT, "migrations"))
        eq(psql("SELECT count(*) FROM schema_migrations"), str(n),
           "rows in schema_migrations")
        p = migrate(ROOT)                 # the real tree is still fine
        eq(p.returncode, 0, "migrate of the real tree afterwards")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test("migrate: an error on line 3, after a CREATE TABLE, is rolled back")
def _():
    # The relation is looked up when line 3 runs, after lines 1-2 did:
    # their work must be undone.  Multi-byte text before the error
    # checks that the position (in characters) becomes the right line.
    failing_migration([
        "CREATE TABLE TABLE_X (id int PRIMARY KEY, ten text);",
        "INSERT INTO TABLE_X VALUES (1, 'Nguyễn Thị Đặng – ồ ồ ồ ồ');",
        "INSERT INTO TABLE_X SELECT * FROM motcua_no_such_table;",
    ], 3)


@test("migrate: a syntax error on line 3 leaves nothing behind")
def _():
    failing_migration([
        "CREATE TABLE TABLE_X (id int);",
        "-- Bảng tạm: ghi chú tiếng Việt trước lỗi cú pháp.",
        "INSERT INTO TABLE_X VALUES (1) WHERE ;",
    ], 3)


@test("migrate: a constraint violation on line 3 leaves nothing behind")
def _():
    # PostgreSQL gives no position for this error: no line is printed.
    failing_migration([
        "CREATE TABLE TABLE_X (id int PRIMARY KEY);",
        "INSERT INTO TABLE_X VALUES (1);",
        "INSERT INTO TABLE_X VALUES (2), (1);",
    ], None)


# --- the log of the whole run ------------------------------------------------

@test("server: no sanitizer report and no worker death but kill -9",
      last=True)
def _():
    import lib
    lines = log_lines(lib.LOG_START or 0)
    bad = [ln for ln in lines if "Sanitizer" in ln or "runtime error" in ln]
    check(not bad, "sanitizer output in motcua.log: %s" % short(bad[:3]))
    died = [ln for ln in lines if "died" in ln and "(signal 9)" not in ln]
    check(not died, "workers died: %s" % short(died[:3]))
    d = os.path.join(lib.VAR, "asan")
    reports = os.listdir(d) if os.path.isdir(d) else []
    check(not reports, "sanitizer reports in %s: %s" % (d, reports[:5]))


# --- SIGTERM: drain, last ----------------------------------------------------

@test("serve: SIGTERM drains in-flight and queued requests, exits, 502",
      last=True)
def _():
    wait_stable()
    m = master_pid()
    workers = children(m)
    log0 = log_size()
    # Both workers busy with a slow request; a third waits in the queue.
    slow = [Async(get, "/_diag/sleep?ms=2000", timeout=20) for _ in range(2)]
    time.sleep(0.4)
    queued = Async(get, "/_diag/sleep?ms=10", timeout=20)
    time.sleep(0.4)
    t0 = time.monotonic()
    os.kill(m, signal.SIGTERM)
    try:
        time.sleep(0.3)
        r = get("/healthz", timeout=5)
        eq(r.status, 502, "a new request while draining")
        for i, a in enumerate(slow):
            r = a.result(timeout=20)
            assert_status(r, 200, "slow request %d in flight at SIGTERM" % i)
            eq(r.json(), {"slept_ms": 2000}, "slow body")
        r = queued.result(timeout=20)
        assert_status(r, 200, "request queued at SIGTERM")
        eq(r.json(), {"slept_ms": 10}, "queued body")
        wait_for(lambda: not alive(m), 10 - (time.monotonic() - t0),
                 "the master %d to exit within 10 s of SIGTERM" % m)
        for w in workers:
            wait_for(lambda: not alive(w), 2, "worker %d to exit" % w)
        r = get("/healthz", timeout=5)
        eq(r.status, 502, "a new request after the master exited")
        eq(len(log_msgs(log0, m, "draining")), 1,
           "log lines 'draining' of the master")
        eq(len(log_msgs(log0, m, "stopped")), 1,
           "log lines 'stopped' of the master")
    finally:
        # Whatever happened, leave a server running for later checks.
        deadline = time.monotonic() + 25
        while alive(m) and time.monotonic() < deadline:
            time.sleep(0.1)
        stack("serve-start")
    check(not alive(m), "the master %d did not exit" % m)
    wait_stable()
    m2 = master_pid()
    check(m2 != m, "serve-start did not start a new master")
    assert_status(get("/healthz"), 200, "healthz after serve-start")
    eq(len(log_msgs(log0, m2, "listening on")), 1,
       "log lines 'listening on' of the new master")

