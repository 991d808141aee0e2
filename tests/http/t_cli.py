"""The account commands that take access away, and the shape of
fcgi/cmd: `motcua users disable|enable` (no sign-in, sessions ended at
once), `motcua users revoke-partner` (the token refused at once), both
audited with the operator's system user; and no circle of calls
between the files of fcgi/cmd (read from the objects the stack runs)."""
import glob
import hashlib
import os
import pwd
import random
import re
import subprocess

import lib
from lib import (ROOT, assert_problem, assert_status, binary, check, eq,
                 psql, test)
from t_accounts import (PASSWORD, audit_rows, clear_failures, me, motcua,
                        register, signin, token_of)


def sessions_of(uid):
    return int(psql("SELECT count(*) FROM sessions WHERE user_id = %d"
                    % uid))


def operator_entries(action, obj):
    """The audit entries of a command, newest first: by the operator,
    with the system user that ran it."""
    rows = audit_rows("action = '%s' AND object = '%s'" % (action, obj))
    me_ = pwd.getpwuid(os.getuid()).pw_name
    for x in rows:
        eq((x["actor_kind"], x["detail"]["os_user"]), ("operator", me_),
           "%s by the operator" % action)
    return rows


def listed(login):
    p = motcua("users", "list")
    check(p.returncode == 0, "users list: %s" % p.stderr)
    lines = [ln for ln in p.stdout.splitlines() if " %s " % login in ln]
    eq(len(lines), 1, "%s listed once" % login)
    return lines[0]


# --- disable, enable ---------------------------------------------------------

@test("cli: users disable: no sign-in, sessions end at once; enable undoes")
def _():
    cccd = register()
    uid = int(psql("SELECT id FROM users WHERE cccd = '%s'" % cccd))
    bearer, cookie = token_of(cccd), token_of(cccd)
    assert_status(me(token=bearer), 200, "signed in")
    eq(sessions_of(uid), 2, "two sessions")

    p = motcua("users", "disable", cccd)
    check(p.returncode == 0, "disable: %d %s" % (p.returncode, p.stderr))
    # At once: the same tokens are anonymous now, and their rows are
    # gone, so that enabling the account later does not revive them.
    assert_problem(me(token=bearer), 401, "unauthenticated")
    assert_problem(me(cookie=cookie), 401, "unauthenticated")
    eq(sessions_of(uid), 0, "sessions deleted")
    check(listed(cccd).endswith("(disabled)"), "listed as disabled")
    r = signin(cccd, status=401)
    eq([(x["action"], x["detail"]["reason"])
        for x in audit_rows("request_id = '%s'" % r.header("x-request-id"))],
       [("signin.failed", "disabled")], "sign-in refused as disabled")
    clear_failures()
    eq(len(operator_entries("user.disable", "user:%d" % uid)), 1,
       "audited once")

    p = motcua("users", "disable", cccd)
    check(p.returncode == 0 and "already" in p.stdout,
          "twice: %d %r %r" % (p.returncode, p.stdout, p.stderr))

    p = motcua("users", "enable", cccd)
    check(p.returncode == 0, "enable: %d %s" % (p.returncode, p.stderr))
    check(not listed(cccd).endswith("(disabled)"), "listed as enabled")
    # The old token stays ended.
    assert_problem(me(token=bearer), 401, "unauthenticated")
    tok = token_of(cccd)
    assert_status(me(token=tok), 200, "signs in again")
    eq(len(operator_entries("user.enable", "user:%d" % uid)), 1,
       "enable audited")


@test("cli: users disable and enable a user name, in any case")
def _():
    user = "thanhtra%d.test" % random.randrange(10 ** 6)
    p = motcua("users", "add-inspector", user, "--name", "Đỗ Văn Tra",
               stdin=PASSWORD + "\n")
    check(p.returncode == 0, "add-inspector: %s" % p.stderr)
    uid = int(psql("SELECT id FROM users WHERE username = '%s'" % user))
    tok = token_of(user)
    p = motcua("users", "disable", user.upper())
    check(p.returncode == 0, "disable: %s" % p.stderr)
    assert_problem(me(token=tok), 401, "unauthenticated")
    signin(user, status=401)
    clear_failures()
    p = motcua("users", "enable", user.upper())
    check(p.returncode == 0, "enable: %s" % p.stderr)
    signin(user)
    eq([x["action"] for x in audit_rows(
        "object = 'user:%d' AND actor_kind = 'operator' AND action LIKE "
        "'user.%%able'" % uid)], ["user.enable", "user.disable"], "audit")


@test("cli: users disable or enable: unknown user, bad use")
def _():
    p = motcua("users", "disable", "nobody-here")
    check(p.returncode == 1 and "no user" in p.stderr,
          "unknown: %d %s" % (p.returncode, p.stderr))
    p = motcua("users", "enable", "000000000000")
    check(p.returncode == 1 and "no user" in p.stderr, "unknown CCCD")
    for args in (("disable",), ("enable", "a", "b"),
                 ("disable", "--name", "x")):
        p = motcua("users", *args)
        eq(p.returncode, 2, "usage: %s" % (args,))


# --- partner tokens ----------------------------------------------------------

def add_partner(name, *scopes):
    args = ["users", "add-partner", name]
    for s in scopes or ("lookup",):
        args += ["--scope", s]
    p = motcua(*args)
    check(p.returncode == 0, "add-partner: %s" % p.stderr)
    m = re.search(r"partner token (\d+) ", p.stderr)
    check(m, "says the id: %r" % p.stderr)
    return int(m.group(1)), p.stdout.strip()


@test("cli: users revoke-partner: the token is refused at once; audited")
def _():
    n = random.randrange(10 ** 6)
    one = "Cổng thử %d" % n
    pid, tok = add_partner(one, "lookup", "dossiers:read")
    assert_status(me(token=tok), 200, "a live token")
    p = motcua("users", "revoke-partner", one)
    check(p.returncode == 0, "revoke-partner: %d %s"
          % (p.returncode, p.stderr))
    assert_problem(me(token=tok), 401, "unauthenticated")
    h = hashlib.sha256(tok.encode()).hexdigest()
    eq(psql("SELECT revoked_at IS NOT NULL FROM partner_tokens WHERE "
            "token_hash = decode('%s', 'hex')" % h), "t", "revoked_at")
    eq(len(operator_entries("partner.revoke", "partner:%d" % pid)), 1,
       "audited")
    # Revoked already: nothing to do, said so, nothing audited.
    p = motcua("users", "revoke-partner", one)
    check(p.returncode == 1 and "no live partner token" in p.stderr,
          "again: %d %s" % (p.returncode, p.stderr))
    p = motcua("users", "revoke-partner", "--id", str(pid))
    check(p.returncode == 1 and "no live partner token" in p.stderr,
          "again by id: %d %s" % (p.returncode, p.stderr))
    eq(len(operator_entries("partner.revoke", "partner:%d" % pid)), 1,
       "still one entry")


@test("cli: users revoke-partner: a name shared by tokens needs --id")
def _():
    name = "Hệ thống đối tác %d" % random.randrange(10 ** 6)
    (id1, tok1), (id2, tok2) = add_partner(name), add_partner(name)
    p = motcua("users", "revoke-partner", name)
    check(p.returncode == 1 and "--id" in p.stderr and str(id1) in p.stderr
          and str(id2) in p.stderr, "ambiguous: %d %s"
          % (p.returncode, p.stderr))
    assert_status(me(token=tok1), 200, "nothing revoked")
    assert_status(me(token=tok2), 200, "nothing revoked")
    p = motcua("users", "revoke-partner", "--id", str(id1))
    check(p.returncode == 0, "by id: %s" % p.stderr)
    assert_problem(me(token=tok1), 401, "unauthenticated")
    assert_status(me(token=tok2), 200, "the other one lives")
    # Now the name names one live token.
    p = motcua("users", "revoke-partner", name)
    check(p.returncode == 0, "by name: %s" % p.stderr)
    assert_problem(me(token=tok2), 401, "unauthenticated")
    p = motcua("users", "partners")
    check(p.returncode == 0, "partners: %s" % p.stderr)
    for i in (id1, id2):
        line = [ln for ln in p.stdout.splitlines()
                if ln.split()[:1] == [str(i)]]
        eq(len(line), 1, "token %d listed" % i)
        check(name in line[0] and "revoked" in line[0],
              "listed as revoked: %r" % line[0])
    for args in (("revoke-partner",), ("revoke-partner", "--id", "x"),
                 ("revoke-partner", "--id", "0"),
                 ("revoke-partner", "a", "b")):
        eq(motcua("users", *args).returncode, 2, "usage: %s" % (args,))
    p = motcua("users", "revoke-partner", "--id", "999999999")
    check(p.returncode == 1 and "no live partner token" in p.stderr,
          "unknown id: %s" % p.stderr)


@test("cli: users --help and README's Commands name the new subcommands")
def _():
    p = motcua("users", "--help")
    eq(p.returncode, 0, "--help")
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    commands = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    for sub in ("disable CCCD|USERNAME", "enable CCCD|USERNAME",
                "revoke-partner NAME", "revoke-partner --id ID",
                "partners"):
        check(sub in p.stdout, "--help names %r: %s" % (sub, p.stdout))
        check(sub in commands, "README's Commands name %r" % sub)
    p = motcua("users", "nothing-of-the-kind")
    for sub in ("disable", "enable", "revoke-partner", "partners"):
        check(sub in p.stderr, "usage names %s: %s" % (sub, p.stderr))


# --- the shape of fcgi/cmd -----------------------------------------------------

def call_graph(objdir):
    """file -> the files of objdir whose functions it calls (nm)."""
    defined, used = {}, {}
    objs = sorted(glob.glob(os.path.join(objdir, "*.o")))
    check(len(objs) >= 5, "objects of fcgi/cmd in %s: %s" % (objdir, objs))
    for o in objs:
        f = os.path.basename(o)[:-2] + ".c"
        out = subprocess.run(["nm", "-g", o], capture_output=True,
                             text=True, check=True).stdout
        for ln in out.splitlines():
            w = ln.split()
            if len(w) == 3 and w[1] in "TDRB":
                defined[w[2]] = f
            elif len(w) == 2 and w[0] == "U":
                used.setdefault(f, set()).add(w[1])
    return {f: {defined[s] for s in syms if defined.get(s, f) != f}
            for f, syms in used.items()}


def circle(g):
    """A list of files calling round in a circle, or None."""
    state = {}

    def visit(f, path):
        state[f] = 1
        for t in sorted(g.get(f, ())):
            if state.get(t) == 1:
                return path[path.index(t):] + [t]
            if t not in state:
                c = visit(t, path + [t])
                if c:
                    return c
        state[f] = 2
        return None
    for f in sorted(g):
        if f not in state:
            c = visit(f, [f])
            if c:
                return c
    return None


@test("cli: the files of fcgi/cmd call one another without a circle")
def _():
    objdir = os.path.join(os.path.dirname(binary()), "fcgi", "cmd")
    g = call_graph(objdir)
    # The test can fail: a circle made up is found.
    eq(circle({"a.c": {"b.c"}, "b.c": {"c.c"}, "c.c": {"a.c"}}),
       ["a.c", "b.c", "c.c", "a.c"], "the circle finder")
    c = circle(g)
    check(c is None, "calls go round: %s" % " -> ".join(c or []))
    # What the commands share is in cli.c, which calls none of them.
    eq(g.get("cli.c", set()) & {"users.c", "units.c", "demo.c"}, set(),
       "cli.c calls no command")


@test("cli: serve refuses to start on a MOTCUA_PUBLIC_URL that is no site")
def _():
    import shutil
    import signal
    import tempfile
    for bad in ("evil.example", "https://dvc.example.vn/?x=1",
                "https://dvc.example.vn/#f", "ftp://dvc.example.vn"):
        d = tempfile.mkdtemp(prefix="motcua-pub.")
        e = dict(os.environ)
        e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": lib.db_url(),
                  "MOTCUA_SOCKET": os.path.join(d, "s.sock"),
                  "MOTCUA_PUBLIC_URL": bad, "MOTCUA_WORKERS": "1",
                  "ASAN_OPTIONS": "detect_leaks=0"})
        p = subprocess.Popen([lib.binary(), "serve"], env=e,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
        try:
            _, err = p.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            lib.fail("serve started with MOTCUA_PUBLIC_URL=%s" % bad)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        check(p.returncode != 0, "serve exited 0 with %s" % bad)
        check("MOTCUA_PUBLIC_URL" in err, "no word of the variable: %s"
              % err[-300:])
