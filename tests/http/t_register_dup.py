"""A citizen ID (CCCD) registered a second time (POST /api/v1/citizens)
leaves no trace that tells: nothing about it in PostgreSQL's log (no
unique violation, whose DETAIL would quote the CCCD) nor in any other
log of the stack, and it uses one id from the users' sequence, as a new
account does, so that the ids handed out tell nothing either (signup.h,
store/accounts.c acct_register).

The tests run one at a time, so nothing else registers in between: the
ids of consecutive registrations are consecutive."""
import glob
import os

from lib import VAR, assert_status, check, eq, psql, test
from t_accounts import PASSWORD, api, new_cccd

PG_LOG = os.path.join(VAR, "log", "postgresql.log")


def size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def logs_since(start):
    """{path: text written since start (sizes by path; 0: all)}."""
    out = {}
    for path in sorted(glob.glob(os.path.join(VAR, "log", "*"))):
        if os.path.isfile(path):
            with open(path, "rb") as f:
                f.seek(start.get(path, 0))
                out[path] = f.read().decode("utf-8", "replace")
    return out


def sizes():
    return {p: size(p) for p in glob.glob(os.path.join(VAR, "log", "*"))}


def register(cccd, name="Lê Thị Hoa", phone="0912 345 678"):
    r = api("POST", "/api/v1/citizens", {
        "cccd": cccd, "full_name": name, "phone": phone,
        "password": PASSWORD})
    assert_status(r, 201, "register %s" % cccd)
    return r


@test("registration: a duplicate CCCD leaves nothing in PostgreSQL's log "
      "or any other")
def _():
    check(os.path.isfile(PG_LOG), "no PostgreSQL log at %s" % PG_LOG)
    start = sizes()
    cccd = new_cccd()
    register(cccd)
    register(cccd, "Kẻ Mạo Danh", "0911 111 111")
    eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % cccd), "1",
       "one account")
    pg = logs_since(start).get(PG_LOG, "")
    for what in ("duplicate key", "users_cccd_key", "already exists",
                 "ERROR"):
        at = pg.find(what)
        check(at < 0, "PostgreSQL logged %r: %s"
              % (what, pg[max(0, at - 200):at + 300]))
    # The CCCD in no log of the stack, from its start.
    for path, text in logs_since({}).items():
        check(cccd not in text, "%s holds the CCCD %s" % (path, cccd))


@test("registration: a duplicate's id and answer are those of a new account")
def _():
    first = new_cccd()
    a = register(first)
    dup = register(first, "Kẻ Mạo Danh", "0911 111 111")
    b = register(new_cccd())
    ids = [r.json()["id"] for r in (a, dup, b)]
    # One id each from the same sequence: no gap tells which was which.
    eq(ids, [ids[0], ids[0] + 1, ids[0] + 2], "consecutive ids")
    eq(psql("SELECT count(*) FROM users WHERE id = %d" % ids[1]), "0",
       "the duplicate's id is nobody's")
    eq(psql("SELECT count(*) FROM users WHERE id IN (%d, %d)"
            % (ids[0], ids[2])), "2", "the new accounts' ids")
    # The same answer: status, headers (but their varying values) and
    # members; what was sent is echoed.
    same = ("content-type", "location", "cache-control")
    for r in (dup, b):
        eq(sorted(r.headers), sorted(a.headers), "header names")
        eq([r.header(h) for h in same], [a.header(h) for h in same],
           "headers %s" % (same,))
        eq(sorted(r.json()), sorted(a.json()), "members")
    eq((dup.json()["cccd"], dup.json()["full_name"], dup.json()["phone"]),
       (first, "Kẻ Mạo Danh", "+84911111111"), "the duplicate's echo")
