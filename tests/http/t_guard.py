"""Throttles that stop the guessers, not their targets, and an audit log
that refusals cannot flood: the public lookup's owner with the right PIN
gets in from an address that has not guessed wrong; anonymous refusals
are audited a few times per address and minute, the rest counted in
/metrics; an entry stores at most 256 bytes of a path.

Addresses are the loopback's own (127.0.0.41 ...): a test client binds
its socket to one, and nginx passes it on as REMOTE_ADDR."""
import json
import os

from lib import assert_problem, assert_status, check, eq, psql, test

import lib
from t_dossiers import setup as demo_setup, submit, transcript

JSON = {"Content-Type": "application/json", "Accept": "application/json"}


def setup():
    demo_setup()


def lookup(code, pin, source):
    return lib.request("POST", "/api/v1/lookup",
                       json.dumps({"code": code, "pin": pin}), JSON,
                       source=source)


def wrong(pin, i):
    return "%06d" % ((int(pin) + 1 + i) % 1000000)


@test("guard: wrong PINs from several addresses do not lock the owner out; "
      "a guesser is stopped at its own address")
def _():
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    n = 0
    for a in ("127.0.0.41", "127.0.0.42", "127.0.0.43"):
        for _ in range(4):
            assert_problem(lookup(code, wrong(pin, n), a), 404, "not-found")
            n += 1
    # Twelve wrong guesses on the code: its owner, elsewhere, gets in.
    r = lookup(code, pin, "127.0.0.44")
    assert_status(r, 200, "the right PIN after %d wrong ones" % n)
    eq(r.json()["code"], code, "the dossier")
    # Ten from one address: that address is shut, even to the right PIN.
    for _ in range(10):
        assert_problem(lookup(code, wrong(pin, n), "127.0.0.45"), 404,
                       "not-found")
        n += 1
    r = lookup(code, pin, "127.0.0.45")
    assert_problem(r, 429, "too-many-requests")
    check(int(r.header("retry-after", "0")) > 0, "Retry-After")
    # Past the alarm (30 on the code), one try per address: one that has
    # guessed wrong is refused, a fresh one gets its try.
    for _ in range(8):
        assert_problem(lookup(code, wrong(pin, n), "127.0.0.46"), 404,
                       "not-found")
        n += 1
    eq(n, 30, "failures on the code")
    assert_problem(lookup(code, pin, "127.0.0.41"), 429, "too-many-requests")
    assert_problem(lookup(code, wrong(pin, n), "127.0.0.47"), 404,
                   "not-found")
    assert_problem(lookup(code, pin, "127.0.0.47"), 429, "too-many-requests")
    assert_status(lookup(code, pin, "127.0.0.48"), 200, "a fresh address")


def refusals(ip):
    return json.loads(psql(
        "SELECT coalesce(json_agg(t ORDER BY id), '[]') FROM (SELECT id, "
        "object, detail, date_trunc('minute', at)::text AS minute "
        "FROM audit_log WHERE action = 'access.denied' AND ip = '%s') t"
        % ip))


@test("guard: an anonymous 401 with a 7 KB path stores at most 256 bytes "
      "of it")
def _():
    path = "/api/v1/dossiers/" + "A" * 7000
    r = lib.get(path, headers={"Accept": "application/json"},
                source="127.0.0.51")
    assert_status(r, 401, "anonymous")
    rows = [x for x in refusals("127.0.0.51")
            if x["detail"].get("path", "").startswith("/api/v1/dossiers/A")]
    check(rows, "the refusal is audited")
    for x in rows:
        check(len(x["object"].encode()) <= 256, "object of %d bytes"
              % len(x["object"].encode()))
        check(len(x["detail"]["path"].encode()) <= 256,
              "detail.path of %d bytes" % len(x["detail"]["path"]))
        check(path.startswith(x["detail"]["path"]), "the path's start")
        check(len(json.dumps(x["detail"])) <= 4096, "the detail is bounded")


def serve_restart(env_limit):
    """Restart the server with MOTCUA_AUDIT_REFUSALS_PER_MINUTE as given
    (None: unset, the default)."""
    if env_limit is None:
        os.environ.pop("MOTCUA_AUDIT_REFUSALS_PER_MINUTE", None)
    else:
        os.environ["MOTCUA_AUDIT_REFUSALS_PER_MINUTE"] = env_limit
    lib.stack("serve-stop")
    lib.stack("serve-start")


@test("guard: 100 anonymous refusals from one address make at most the "
      "limit of audit entries a minute; /metrics counts the rest",
      last=True)
def _():
    # The other tests run with a limit of their own (scripts/test.sh).
    saved = os.environ.get("MOTCUA_AUDIT_REFUSALS_PER_MINUTE")
    serve_restart(None)
    try:
        flood(10)           # the default, README
    finally:
        serve_restart(saved)


def flood(limit):
    name = "motcua_audit_refusals_suppressed_total"
    before = lib.metric(lib.metrics(), name, default=None)
    check(before is not None, "%s in /metrics" % name)
    for _ in range(100):
        r = lib.get("/api/v1/me", headers={"Accept": "application/json"},
                    source="127.0.0.52")
        assert_status(r, 401, "anonymous")
    rows = refusals("127.0.0.52")
    check(rows, "the first refusals are audited")
    per_minute = {}
    for x in rows:
        per_minute[x["minute"]] = per_minute.get(x["minute"], 0) + 1
    check(max(per_minute.values()) <= limit, "at most %d a minute: %s"
          % (limit, per_minute))
    after = lib.metric(lib.metrics(), name)
    eq(after - before, 100 - len(rows), "the others counted")
