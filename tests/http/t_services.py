"""The service catalogue of the API, from the compiled definitions, and
reloading definitions with SIGHUP (a broken tree is refused, the running
generation goes on)."""
import os
import shutil
import signal
import tempfile

from lib import (ROOT, assert_problem, assert_status, check, eq, get,
                 log_msgs, log_size, master_pid, metric, metrics, stack,
                 test, wait_for, wait_stable)

import lib

CODES = ["diploma-register-copy", "school-transfer",
         "transcript-certification"]


@test("services: GET /api/v1/services lists both, with deadlines")
def _():
    r = get("/api/v1/services")
    assert_status(r, 200)
    eq(r.header("content-type"), "application/json", "content type")
    s = {x["code"]: x for x in r.json()["services"]}
    eq(sorted(s), CODES, "service codes")
    tc, tr = s["transcript-certification"], s["school-transfer"]
    eq(tc["deadline"], {"working_days": 2}, "transcript deadline")
    eq(tr["deadline"], {"working_days": 3}, "transfer deadline")
    eq(tc["filing_windows"], [], "transcripts all year")
    eq(tc["open"], True, "transcripts always open")
    eq(tr["filing_windows"], [{"from": "06-01", "to": "08-15"},
                              {"from": "12-15", "to": "01-15"}], "windows")
    check(isinstance(tr["open"], bool), "open is a boolean")
    check(tc["name"]["vi"].startswith("Xác nhận"), "Vietnamese name")
    eq(len(tc["version"]), 64, "version digest")


@test("services: GET /api/v1/services/{code} has the whole form")
def _():
    r = get("/api/v1/services/transcript-certification")
    assert_status(r, 200)
    j = r.json()
    f = {x["id"]: x for x in j["form"]["fields"]}
    # Once-only: no grades are asked; the student's name comes from
    # the school's records.
    check(not any("grade" in k or "score" in k for k in f), "no grades")
    eq(f["student_name"]["prefill"], {"source": "student",
       "column": "full_name", "key": "student_code"}, "prefill")
    eq(f["student_name"]["readonly"], True, "prefilled is readonly")
    eq(f["copies"]["type"], "integer", "copies type")
    eq((f["copies"]["min"], f["copies"]["max"]), (1, 10), "copies bounds")
    eq([o["value"] for o in f["delivery"]["options"]],
       ["electronic", "post"], "delivery options")
    eq(f["postal_address"]["required_if"], "delivery = 'post'",
       "required-if")
    eq(f["school"]["unit_kind"], "school", "unit kind")
    eq(f["authorization"]["accept"],
       ["application/pdf", "image/jpeg", "image/png"], "accepted files")
    sections = [s["id"] for s in j["form"]["sections"]]
    check(all(x["section"] in sections for x in f.values()), "sections")


@test("services: unknown code 404, bad text 400, nothing else accepted")
def _():
    assert_problem(get("/api/v1/services/no-such-service"), 404,
                   "not-found", field="code")
    assert_problem(get("/api/v1/services/%E1%BA"), 400, "invalid-text",
                   field="code")
    assert_problem(get("/api/v1/services?x=1"), 400, "unknown-parameter",
                   field="x")
    r = lib.request("POST", "/api/v1/services", b"{}",
                    {"Content-Type": "application/json"})
    eq(r.status, 405, "POST status")


def _copy_root():
    tmp = tempfile.mkdtemp(prefix="motcua-root-")
    os.chmod(tmp, 0o755)
    for d in ("forms", "workflows", "schemas", "calendar", "migrations",
              "templates"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
    for dirpath, dirs, files in os.walk(tmp):
        for n in dirs:
            os.chmod(os.path.join(dirpath, n), 0o755)
        for n in files:
            os.chmod(os.path.join(dirpath, n), 0o644)
    return tmp


def _restart(env_root):
    stack("serve-stop")
    if env_root is None:
        os.environ.pop("STACK_ROOT", None)
    else:
        os.environ["STACK_ROOT"] = env_root
    stack("serve-start")
    wait_for(lambda: get("/healthz").status == 200, 15, "healthz")
    wait_stable()


@test("reload: SIGHUP with broken definitions keeps the running ones")
def _():
    tmp = _copy_root()
    try:
        _restart(tmp)
        m = master_pid()
        gen = metric(metrics(), "motcua_generation")
        wf = os.path.join(tmp, "workflows", "transcript-certification.xml")
        with open(wf, encoding="utf-8") as f:
            good = f.read()
        # Break it: a status the schema refuses.
        with open(wf, "w", encoding="utf-8") as f:
            f.write(good.replace('status="1"', 'status="11"', 1))
        log0 = log_size()
        os.kill(m, signal.SIGHUP)
        wait_for(lambda: log_msgs(log0, m, "reload refused"), 10,
                 "'reload refused' in the log")
        check(log_msgs(log0, m, "transcript-certification.xml:"),
              "the log names the broken file")
        eq(metric(metrics(), "motcua_generation"), gen, "generation")
        assert_status(get("/api/v1/services/transcript-certification"),
                      200, "old definitions still served")
        # Repaired (and renamed): the next SIGHUP loads it.
        with open(wf, "w", encoding="utf-8") as f:
            f.write(good.replace(
                '<name lang="en">Transcript certification</name>',
                '<name lang="en">Transcript certification (reloaded)'
                '</name>', 1))
        os.kill(m, signal.SIGHUP)
        wait_for(lambda: metric(metrics(), "motcua_generation") == gen + 1,
                 10, "generation + 1")

        def renamed():
            r = get("/api/v1/services/transcript-certification")
            return r.status == 200 and r.json()["name"]["en"].endswith(
                "(reloaded)")
        wait_for(renamed, 10, "the new name served")
        eq(master_pid(), m, "same master")
    finally:
        _restart(None)
        shutil.rmtree(tmp, ignore_errors=True)
