"""The sealed audit trail (docs/audit-trail.md): `motcua seal` sequences
committed entries into an RFC 6962 tree and signs C2SP checkpoints;
the public checkpoint, key and proofs; Go's sumdb/note and sumdb/tlog
verify them, built offline from Debian's packages; a sealer killed with
SIGKILL loses nothing; the server's role writes neither audit_seq nor
the checkpoints; and `motcua audit verify --database` names each
tampering done as a superuser with the triggers off."""
import base64
import hashlib
import json
import os
import signal
import struct
import subprocess
import tempfile
import time

from lib import (PSQL, ROOT, VAR, binary, check, db_url, eq, fail, get,
                 psql, stack, test, wait_for)

GO_SRC = os.path.join(ROOT, "tests", "go", "tlogcheck")
MAGIC = b"motcua-audit-entry/v1\n"
ENTRY_SQL = ("SELECT a.id, to_char(a.at AT TIME ZONE 'UTC', "
             "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), a.actor_id, a.actor_kind, "
             "a.action, a.object, a.detail::text, a.request_id, a.ip, "
             "a.actor_unit_id, a.actor_role")


def motcua(*args):
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "MOTCUA_KEYS_DIR": os.path.join(VAR, "keys"),
              "ASAN_OPTIONS": "detect_leaks=0"})
    return subprocess.run([binary()] + list(args), capture_output=True,
                          text=True, timeout=120, env=e)


def pg_port():
    with open(os.path.join(VAR, "stack.env")) as f:
        for ln in f:
            if ln.startswith("PGPORT_LOCAL="):
                return ln.split("=", 1)[1].strip()
    fail("no PGPORT_LOCAL in stack.env")


def su(sql, ok=True):
    """sql as the cluster's superuser, as an intruder with the triggers
    switched off would run it; ok=False: (exit status, output)."""
    cmd = [PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h",
           os.path.join(VAR, "pg"), "-p", pg_port(), "-U", "postgres", "-d",
           "motcua", "-c", sql]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    if not ok:
        return p.returncode, p.stdout + p.stderr
    if p.returncode != 0:
        fail("superuser psql %r: %s" % (sql, p.stderr[-400:]))
    return p.stdout.strip()


def web_psql(sql):
    p = subprocess.run([PSQL, "-X", "-q", "-A", "-t", "-d",
                        db_url().replace("user=motcua&", "user=motcua_web&"),
                        "-c", sql], capture_output=True, text=True,
                       timeout=30)
    return p.returncode, (p.stdout + p.stderr).strip()


def canonical(row):
    """The canonical bytes of an entry from its columns, as
    docs/audit-trail.md defines them: written here afresh, not by
    calling ours."""
    out = bytearray(MAGIC)
    for v in row:
        if v is None:
            out += b"\xff\xff\xff\xff"
        else:
            b = v.encode()
            out += struct.pack(">I", len(b)) + b
    return bytes(out)


def entry_row(seq):
    """The entry at seq, its columns (None for NULL), through JSON so
    that NULL and "" differ."""
    got = psql("SELECT json_build_array(%s) FROM audit_seq s JOIN "
               "audit_log a ON a.id = s.entry_id WHERE s.seq = %d" %
               (ENTRY_SQL[len("SELECT "):], seq))
    row = json.loads(got)
    return [None if v is None else str(v) for v in row]


def tree_size():
    return int(psql("SELECT count(*) FROM audit_seq"))


def checkpoint_size():
    return int(psql("SELECT coalesce(max(size), 0) FROM audit_checkpoints"))


def finished_entries():
    return int(psql("SELECT count(*) FROM audit_log WHERE xid < "
                    "pg_snapshot_xmin(pg_current_snapshot())"))


def sealed():
    """Every finished entry sealed, and a checkpoint of them all."""
    n = finished_entries()
    return tree_size() >= n and checkpoint_size() >= n


def new_entries(k):
    """k audit entries, by failed sign-ins (each audited)."""
    for i in range(k):
        r = get("/api/v1/me", headers={"Authorization": "Bearer nope%d" % i})
        check(r.status == 401, "a refused request: %d" % r.status)


def setup():
    p = motcua("demo")
    check(p.returncode == 0, "demo: %s" % p.stderr[-300:])
    wait_for(sealed, 15, "the sealer to seal the demo's entries")


@test("seal: entries are sealed and signed within about a second")
def t_sealed_soon():
    before = tree_size()
    new_entries(5)
    t0 = time.time()
    wait_for(lambda: tree_size() >= before + 5 and
             checkpoint_size() >= before + 5, 5, "5 new entries sealed")
    check(time.time() - t0 < 3.0, "sealed after %.1f s" % (time.time() - t0))
    # No hole, no entry twice: seq is 0..n-1, entry ids distinct.
    eq(psql("SELECT count(*) = max(seq) + 1 AND count(DISTINCT entry_id) "
            "= count(*) FROM audit_seq"), "t", "seq without a hole")
    note = get("/audit/checkpoint")
    eq(note.status, 200, "GET /audit/checkpoint")
    lines = note.body.decode().split("\n")
    eq(lines[0], "motcua.example/audit", "origin line")
    check(int(lines[1]) >= before + 5, "tree size %s" % lines[1])
    eq(len(base64.b64decode(lines[2])), 32, "root hash")
    eq(lines[3], "", "blank line")
    check(lines[4].startswith("\u2014 motcua/audit "), "signature line %r"
          % lines[4])


@test("seal: the tree is the canonical entries' RFC 6962 tree")
def t_leaf_hashes():
    n = tree_size()
    for seq in (0, n // 2, n - 1):
        leaf = hashlib.sha256(b"\x00" + canonical(entry_row(seq))).hexdigest()
        eq(psql("SELECT encode(leaf_hash, 'hex') FROM audit_seq "
                "WHERE seq = %d" % seq), leaf, "leaf hash of seq %d" % seq)


@test("seal: the server's role cannot write the sealed tables")
def t_web_role():
    for sql in ("INSERT INTO audit_seq VALUES (999999, 1, "
                "decode(repeat('00', 32), 'hex'))",
                "INSERT INTO audit_checkpoints (size, root, note) VALUES "
                "(999999, decode(repeat('00', 32), 'hex'), 'x')",
                "SELECT entry_id FROM audit_seq LIMIT 1",
                "DELETE FROM audit_checkpoints"):
        rc, out = web_psql(sql)
        check(rc != 0 and "permission denied" in out,
              "motcua_web: %s: %s" % (sql, out))
    rc, out = web_psql("SELECT count(*) FROM audit_seq")
    check(rc == 0, "motcua_web reads the hashes: %s" % out)
    # Nor does the owner change them: revoked, and the triggers refuse
    # even a role given the right back.
    for sql in ("DELETE FROM audit_checkpoints", "UPDATE audit_seq SET seq = 0",
                "TRUNCATE audit_seq"):
        p = subprocess.run([PSQL, "-X", "-q", "-d", db_url(), "-c", sql],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode != 0 and "permission denied" in p.stderr,
              "the owner: %s: %s" % (sql, p.stderr))
    rc, out = su("BEGIN; GRANT DELETE ON audit_checkpoints TO motcua; "
                 "SET ROLE motcua; DELETE FROM audit_checkpoints;", ok=False)
    check(rc != 0 and "audit_checkpoints is append-only" in out,
          "the owner given DELETE back: %s" % out)


def go_build():
    out = os.path.join(VAR, "tlogcheck")
    if os.path.exists(out):
        return out
    env = dict(os.environ)
    env.update({"GO111MODULE": "off", "GOPATH": "/usr/share/gocode",
                "GOPROXY": "off", "GOFLAGS": "", "CGO_ENABLED": "0",
                "GOCACHE": os.path.join(VAR, "gocache")})
    p = subprocess.run(["go", "build", "-o", out, "."], cwd=GO_SRC,
                       capture_output=True, text=True, timeout=300, env=env)
    check(p.returncode == 0, "go build (offline): %s" % p.stderr[-600:])
    return out


def tlogcheck(*args):
    return subprocess.run([go_build(), "check"] + list(args),
                          capture_output=True, text=True, timeout=60)


@test("seal: Go's sumdb/note and sumdb/tlog verify our checkpoint and proofs")
def t_go():
    new_entries(3)
    wait_for(sealed, 10, "sealed")
    tmp = tempfile.mkdtemp(dir=VAR)
    key = get("/audit/key")
    eq(key.status, 200, "GET /audit/key")
    note = get("/audit/checkpoint")
    eq(note.status, 200, "GET /audit/checkpoint")
    size = int(note.body.decode().split("\n")[1])
    old = psql("SELECT size FROM audit_checkpoints WHERE size < %d "
               "ORDER BY size LIMIT 1" % size)
    check(old != "", "an older checkpoint")
    old_note = psql("SELECT note FROM audit_checkpoints WHERE size = %s"
                    % old) + "\n"
    m = size // 3
    incl = get("/api/v1/audit/proof/inclusion?entry=%d&size=%d" % (m, size))
    eq(incl.status, 200, "inclusion proof")
    incl = json.loads(incl.body)
    cons = get("/api/v1/audit/proof/consistency?from=%s&to=%d" % (old, size))
    eq(cons.status, 200, "consistency proof")
    cons = json.loads(cons.body)
    files = {}
    entry = canonical(entry_row(m))
    eq(base64.b64encode(hashlib.sha256(b"\x00" + entry).digest()).decode(),
       incl["leaf_hash"], "the served leaf hash")
    for name, data in (("vkey", key.body), ("note", note.body),
                       ("old", old_note.encode()), ("entry", entry),
                       ("bad", entry[:-1] + bytes([entry[-1] ^ 1]))):
        files[name] = os.path.join(tmp, name)
        with open(files[name], "wb") as f:
            f.write(data)
    p = tlogcheck(files["vkey"], files["note"], files["entry"], str(m),
                  ",".join(incl["proof"]), files["old"],
                  ",".join(cons["proof"]))
    check(p.returncode == 0, "tlogcheck: %s %s" % (p.stdout, p.stderr))
    out = p.stdout.split("\n")
    check(out[0].startswith("ok signature by motcua/audit"), out[0])
    check(out[1].startswith("ok inclusion of entry %d" % m), out[1])
    eq(out[2], "ok consistency %s -> %d" % (old, size), "consistency")
    # And it can fail: another entry's bytes, a changed proof, a note
    # signed by no key it knows.
    p = tlogcheck(files["vkey"], files["note"], files["bad"], str(m),
                  ",".join(incl["proof"]))
    check(p.returncode != 0 and "CheckRecord" in p.stderr,
          "a changed entry passes: %s" % p.stdout)
    bad = list(cons["proof"])
    bad[0] = base64.b64encode(b"\x00" * 32).decode()
    p = tlogcheck(files["vkey"], files["note"], files["entry"], str(m),
                  ",".join(incl["proof"]), files["old"], ",".join(bad))
    check(p.returncode != 0 and "CheckTree" in p.stderr,
          "a changed consistency proof passes: %s" % p.stdout)
    with open(files["vkey"], "w") as f:
        f.write("other+00000000+AQ" + "A" * 42 + "\n")
    p = tlogcheck(files["vkey"], files["note"], files["entry"], str(m),
                  ",".join(incl["proof"]))
    check(p.returncode != 0, "a note under another key passes: %s" % p.stdout)


@test("seal: proofs refuse what is out of range, naming the field")
def t_proof_input():
    size = checkpoint_size()
    for q, field in (("entry=%d&size=%d" % (size, size), "entry"),
                     ("entry=0&size=%d" % (size + 1), "size"),
                     ("entry=-1&size=1", "entry"),
                     ("entry=01&size=2", "entry"),
                     ("size=1", "entry")):
        r = get("/api/v1/audit/proof/inclusion?" + q)
        eq(r.status, 422, q)
        eq(json.loads(r.body)["field"], field, q)
    r = get("/api/v1/audit/proof/consistency?from=0&to=1")
    eq(r.status, 422, "from=0")
    eq(json.loads(r.body)["field"], "from", "from=0")
    r = get("/api/v1/audit/proof/consistency?from=1&to=1")
    eq(r.status, 200, "from = to")
    eq(json.loads(r.body)["proof"], [], "from = to: empty proof")


@test("seal: a sealer killed with SIGKILL loses nothing and catches up")
def t_kill():
    pid = int(stack("seal-pid"))
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not os.path.exists("/proc/%d/cmdline" % pid) or
             open("/proc/%d/stat" % pid).read().split(") ")[1][0] == "Z",
             5, "the sealer to die")
    before = tree_size()
    new_entries(7)
    time.sleep(1.5)
    eq(tree_size(), before, "nothing sealed while the sealer is down")
    stack("seal-start")
    wait_for(sealed, 10, "the restarted sealer to catch up")
    p = motcua("audit", "verify", "--database")
    check(p.returncode == 0, "verify after the kill: %s%s" % (p.stdout,
                                                              p.stderr))
    # A second sealer is refused while one runs.
    p = motcua("seal")
    check(p.returncode != 0 and "another sealer" in p.stderr,
          "a second sealer: %s" % p.stderr)


def verify_fails(want, what):
    p = motcua("audit", "verify", "--database")
    check(p.returncode == 1, "%s: verify exited %d: %s%s" % (
        what, p.returncode, p.stdout, p.stderr))
    check(want in p.stdout, "%s: want %r in %r" % (what, want, p.stdout))


def verify_ok(what):
    p = motcua("audit", "verify", "--database")
    check(p.returncode == 0, "%s: verify: %s%s" % (what, p.stdout, p.stderr))
    check(p.stdout.startswith("audit trail OK"), p.stdout)


def off(table):
    return "ALTER TABLE %s DISABLE TRIGGER ALL; " % table


def on(table):
    return " ALTER TABLE %s ENABLE TRIGGER ALL;" % table


COLS = ("id, at, actor_id, actor_kind, action, object, detail, request_id, "
        "ip, actor_unit_id, actor_role, xid")


def restore(saved):
    """An entry deleted put back as it was (saved: its row_to_json)."""
    su(off("audit_log") + "INSERT INTO audit_log (%s) OVERRIDING SYSTEM "
       "VALUE SELECT %s FROM json_populate_record(NULL::audit_log, %s);"
       % (COLS, COLS, sql_text(saved)) + on("audit_log"))


def sql_text(v):
    return "NULL" if v is None else "'" + v.replace("'", "''") + "'"


@test("seal: audit verify names each tampering by a superuser")
def t_tamper():
    stack("seal-stop")
    try:
        wait_for(sealed, 1, "sealed before tampering")
        verify_ok("before")
        n = tree_size()
        a, b = n // 4, n // 2
        ida = int(psql("SELECT entry_id FROM audit_seq WHERE seq = %d" % a))
        idb = int(psql("SELECT entry_id FROM audit_seq WHERE seq = %d" % b))

        # 1. One field of one entry changed.
        su(off("audit_log") + "UPDATE audit_log SET action = action || 'x' "
           "WHERE id = %d;" % ida + on("audit_log"))
        verify_fails("entry %d (seq %d): differs from what was sealed"
                     % (ida, a), "a changed field")
        su(off("audit_log") + "UPDATE audit_log SET action = "
           "left(action, -1) WHERE id = %d;" % ida + on("audit_log"))
        verify_ok("the field restored")

        # 1b. Changed, and its sealed hash rewritten to match: the
        # first checkpoint after it no longer holds.
        old_leaf = psql("SELECT encode(leaf_hash, 'hex') FROM audit_seq "
                        "WHERE seq = %d" % a)
        su(off("audit_log") + "UPDATE audit_log SET action = action || 'x' "
           "WHERE id = %d;" % ida + on("audit_log"))
        row = entry_row(a)
        leaf = hashlib.sha256(b"\x00" + canonical(row)).hexdigest()
        su(off("audit_seq") + "UPDATE audit_seq SET leaf_hash = decode('%s', "
           "'hex') WHERE seq = %d;" % (leaf, a) + on("audit_seq"))
        after = psql("SELECT min(size) FROM audit_checkpoints WHERE size > %d"
                     % a)
        verify_fails("checkpoint %s: the entries give another root" % after,
                     "a changed entry with its hash rewritten")
        su(off("audit_log") + off("audit_seq") + "UPDATE audit_log SET "
           "action = left(action, -1) WHERE id = %d; UPDATE audit_seq SET "
           "leaf_hash = decode('%s', 'hex') WHERE seq = %d;"
           % (ida, old_leaf, a) + on("audit_log") + on("audit_seq"))
        verify_ok("entry and hash restored")

        # 2. One entry deleted.
        saved = psql("SELECT row_to_json(a) FROM audit_log a WHERE id = %d"
                     % idb)
        su(off("audit_log") + "DELETE FROM audit_log WHERE id = %d;" % idb +
           on("audit_log"))
        verify_fails("entry %d (seq %d): missing from audit_log" % (idb, b),
                     "a deleted entry")
        restore(saved)
        verify_ok("the entry restored")
        last = int(psql("SELECT entry_id FROM audit_seq WHERE seq = %d"
                        % (n - 1)))
        saved = psql("SELECT row_to_json(a) FROM audit_log a WHERE id = %d"
                     % last)
        su(off("audit_log") + "DELETE FROM audit_log WHERE id = %d;" % last +
           on("audit_log"))
        verify_fails("entry %d (seq %d): missing from audit_log" %
                     (last, n - 1), "the last entry deleted")
        restore(saved)
        verify_ok("the last entry restored")

        # 3. Two entries swapped (their contents; ids cannot move).
        swap = ("UPDATE audit_log x SET (at, actor_id, actor_kind, action, "
                "object, detail, request_id, ip, actor_unit_id, actor_role) "
                "= (SELECT y.at, y.actor_id, y.actor_kind, y.action, "
                "y.object, y.detail, y.request_id, y.ip, y.actor_unit_id, "
                "y.actor_role FROM audit_log y WHERE y.id = CASE x.id WHEN %d THEN "
                "%d ELSE %d END) WHERE x.id IN (%d, %d);"
                % (ida, idb, ida, ida, idb))
        su(off("audit_log") + swap + on("audit_log"))
        verify_fails("entry %d (seq %d): differs from what was sealed"
                     % (ida, a), "two entries swapped")
        su(off("audit_log") + swap + on("audit_log"))
        verify_ok("the swap undone")

        # 4. The tail truncated: the last 3 entries and their places.
        tail = psql("SELECT json_agg(row_to_json(a)) FROM audit_log a "
                    "WHERE id IN (SELECT entry_id FROM audit_seq WHERE seq "
                    ">= %d)" % (n - 3))
        seqs = psql("SELECT json_agg(row_to_json(s)) FROM audit_seq s "
                    "WHERE seq >= %d" % (n - 3))
        su(off("audit_log") + off("audit_seq") +
           "DELETE FROM audit_log WHERE id IN (SELECT entry_id FROM "
           "audit_seq WHERE seq >= %d); DELETE FROM audit_seq WHERE seq >= "
           "%d;" % (n - 3, n - 3) + on("audit_log") + on("audit_seq"))
        verify_fails("the tree has only %d entries" % (n - 3),
                     "the tail truncated")
        su(off("audit_log") + off("audit_seq") +
           "INSERT INTO audit_log (%s) OVERRIDING SYSTEM VALUE SELECT %s "
           "FROM json_populate_recordset(NULL::audit_log, %s); "
           "INSERT INTO audit_seq SELECT * FROM json_populate_recordset("
           "NULL::audit_seq, %s);" % (COLS, COLS, sql_text(tail),
                                      sql_text(seqs)) +
           on("audit_log") + on("audit_seq"))
        verify_ok("the tail restored")

        # 5. A checkpoint re-signed with another key under our key's name.
        cp = int(psql("SELECT min(size) FROM audit_checkpoints"))
        note = psql("SELECT note FROM audit_checkpoints WHERE size = %d"
                    % cp) + "\n"
        text = note[:note.index("\n\n") + 1]
        forged = text + "\n" + resigned(text)
        su(off("audit_checkpoints") + "UPDATE audit_checkpoints SET note = "
           "%s WHERE size = %d;" % (sql_text(forged), cp) +
           on("audit_checkpoints"))
        verify_fails("checkpoint %d: no signature by the key" % cp,
                     "a checkpoint re-signed with another key")
        su(off("audit_checkpoints") + "UPDATE audit_checkpoints SET note = "
           "%s WHERE size = %d;" % (sql_text(note), cp) +
           on("audit_checkpoints"))
        verify_ok("the checkpoint restored")
    finally:
        stack("seal-start")


def resigned(text):
    """A signature line for text by a fresh Ed25519 key named as ours
    (openssl makes and uses the key)."""
    d = tempfile.mkdtemp(dir=VAR)
    key, msg, sig = (os.path.join(d, x) for x in ("k.pem", "msg", "sig"))
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out",
                    key], check=True, capture_output=True)
    with open(msg, "w") as f:
        f.write(text)
    subprocess.run(["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key,
                    "-in", msg, "-out", sig], check=True, capture_output=True)
    pub = subprocess.run(["openssl", "pkey", "-in", key, "-pubout",
                          "-outform", "DER"], check=True,
                         capture_output=True).stdout[-32:]
    kid = hashlib.sha256(b"motcua/audit\n\x01" + pub).digest()[:4]
    with open(sig, "rb") as f:
        s = f.read()
    return "\u2014 motcua/audit %s\n" % base64.b64encode(kid + s).decode()
