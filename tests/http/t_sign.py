"""The signer (fcgi/sign/, docs/signing.md): keys made by `motcua keys`,
readable by the signer's user only; signatures through a worker that
standard tools verify; refusals; a killed signer restarted; the hash
chain of its log; rotation."""
import hashlib
import json
import os
import signal
import socket
import stat
import struct
import subprocess
import tempfile
import time
import urllib.parse

from lib import (ROOT, VAR, binary, check, db_url, eq, fail, master_pid,
                 post, stack, test, wait_for, wait_stable)

KEYS = os.path.join(VAR, "keys")
SOCK = os.path.join(VAR, "run", "signer", "signer.sock")
UNIT = "000.00.01.H26"      # the department, of the demo data
OTHER = "000.00.11.H26"     # a district office


def motcua(*args):
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "MOTCUA_KEYS_DIR": KEYS, "ASAN_OPTIONS": "detect_leaks=0"})
    return subprocess.run([binary()] + list(args), capture_output=True,
                          text=True, timeout=60, env=e)


def sign(**fields):
    return post("/_diag/sign", urllib.parse.urlencode(fields),
                "application/x-www-form-urlencoded")


def digest_of(data):
    return hashlib.sha256(data).hexdigest()


def signs():
    r = sign(unit=UNIT, digest=digest_of(b"x"))
    return r.status == 200


def keeper():
    for pid in subprocess.run(["pgrep", "-P", str(master_pid())],
                              capture_output=True, text=True).stdout.split():
        with open("/proc/%s/comm" % pid) as f:
            if f.read().strip() == "motcua-keeper":
                return int(pid)
    fail("no keeper among the master's children")


def signer_pid():
    out = subprocess.run(["pgrep", "-P", str(keeper())], capture_output=True,
                         text=True).stdout.split()
    return int(out[0]) if out else None


def current(unit):
    with open(os.path.join(KEYS, "units", unit, "current")) as f:
        return f.read().strip()


def setup():
    p = motcua("demo")
    check(p.returncode == 0, "demo: %s" % p.stderr[-300:])
    stack("keys")
    os.kill(master_pid(), signal.SIGHUP)       # the signer rereads its keys
    wait_for(signs, 15, "a signature after keys init and SIGHUP")
    wait_stable()


def sh(*cmd, ok=True):
    p = subprocess.run(list(cmd), capture_output=True, text=True, timeout=30)
    if ok and p.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                   (p.stdout + p.stderr)[-400:]))
    return p


@test("sign: keys are the signer's user's, 0600 in a 0700 directory; "
      "the workers' user cannot read them")
def _():
    key = os.path.join(KEYS, "private", UNIT, current(UNIT) + ".key")
    for path, mode in ((KEYS, 0o755), (os.path.join(KEYS, "private"), 0o700),
                       (os.path.dirname(key), 0o700), (key, 0o600),
                       (os.path.join(KEYS, "private", "ca.key"), 0o600),
                       (os.path.join(KEYS, "private", "audit.key"), 0o600),
                       (os.path.join(KEYS, "ca.pem"), 0o644),
                       (os.path.join(KEYS, "units", UNIT,
                                     current(UNIT) + ".pem"), 0o644)):
        st = os.lstat(path)
        eq(oct(stat.S_IMODE(st.st_mode)), oct(mode), "mode of %s" % path)
        eq(st.st_uid, int(sh("id", "-u", "motcua-signer").stdout),
           "owner of %s" % path)
    p = sh("runuser", "-u", "motcua", "--", "cat", key, ok=False)
    check(p.returncode != 0 and "BEGIN" not in p.stdout,
          "the workers' user read a private key")
    p = sh("runuser", "-u", "motcua-signer", "--", "cat", key, ok=False)
    check(p.returncode == 0 and "BEGIN PRIVATE KEY" in p.stdout,
          "the signer's user cannot read its key: %s" % p.stderr)
    # The signer runs as its own user; the workers as theirs.
    with open("/proc/%d/status" % signer_pid()) as f:
        uid = [ln.split()[1] for ln in f if ln.startswith("Uid:")][0]
    eq(uid, sh("id", "-u", "motcua-signer").stdout.strip(), "signer's uid")
    # Idempotent: nothing made again, nothing changed.
    before = current(UNIT)
    p = motcua("keys", "init")
    eq(p.returncode, 0, "keys init again: %s" % p.stderr)
    check("made" not in p.stdout, "keys init made keys again: %s" % p.stdout)
    eq(current(UNIT), before, "current key after a second init")


@test("sign: a digest signed through a worker verifies with openssl "
      "against the unit's certificate, and that against the CA")
def _():
    data = "Bảng điểm của học sinh %f\n".encode() % time.time()
    r = sign(unit=UNIT, digest=digest_of(data))
    eq(r.status, 200, "sign: %s" % r.body[:300])
    got = r.json()
    eq(got["alg"], "ecdsa-p256-sha256", "alg")
    check(got["key_id"].startswith(current(UNIT)), "key id %s is not the "
          "current key %s" % (got["key_id"], current(UNIT)))
    cert = os.path.join(KEYS, "units", UNIT, current(UNIT) + ".pem")
    other = os.path.join(KEYS, "units", OTHER, current(OTHER) + ".pem")
    with tempfile.TemporaryDirectory() as t:
        for name, blob in (("data", data),
                           ("sig", bytes.fromhex(got["signature"]))):
            with open(os.path.join(t, name), "wb") as f:
                f.write(blob)
        for c, name in ((cert, "pub"), (other, "other")):
            with open(os.path.join(t, name), "w") as f:
                f.write(sh("openssl", "x509", "-in", c, "-pubkey",
                           "-noout").stdout)
        p = sh("openssl", "dgst", "-sha256", "-verify",
               os.path.join(t, "pub"), "-signature", os.path.join(t, "sig"),
               os.path.join(t, "data"), ok=False)
        check(p.returncode == 0 and "Verified OK" in p.stdout,
              "openssl dgst -verify: %s" % (p.stdout + p.stderr))
        p = sh("openssl", "dgst", "-sha256", "-verify",
               os.path.join(t, "other"), "-signature",
               os.path.join(t, "sig"), os.path.join(t, "data"), ok=False)
        check(p.returncode != 0, "another unit's key verifies the signature")
    p = sh("openssl", "verify", "-CAfile", os.path.join(KEYS, "ca.pem"), cert)
    check(": OK" in p.stdout, "openssl verify: %s" % p.stdout)
    text = sh("openssl", "x509", "-in", cert, "-noout", "-text",
              "-nameopt", "utf8,sep_comma_plus").stdout
    for want in ("Digital Signature, Non Repudiation", "CA:FALSE",
                 "serialNumber=" + UNIT, "C=VN", "Sở Giáo dục"):
        check(want in text, "%r not in the certificate: %s" % (want, text[:900]))
    check("X509v3 Key Usage: critical" in text, "key usage not critical")
    p = sh("openssl", "asn1parse", "-in", cert)
    check("UTF8STRING" in p.stdout, "names are not UTF8String")
    ca = sh("openssl", "x509", "-in", os.path.join(KEYS, "ca.pem"), "-noout",
            "-text").stdout
    check("CA:TRUE" in ca and "Certificate Sign, CRL Sign" in ca,
          "the CA's extensions: %s" % ca[:900])


def raw(packet):
    """One packet straight to the signer's socket, and its answer."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.settimeout(5)
    try:
        s.connect(SOCK)
        s.send(packet)
        rep = s.recv(4096)
    finally:
        s.close()
    eq(len(rep), 16 + 8 + 32 + 80, "answer length")
    typ, ln, rid, status, siglen = struct.unpack("=IIQII", rep[:24])
    return rid, status, siglen


def req(alg, unit, data, reqid=b"t-sign", rid=42, length=None):
    body = (struct.pack("=II", alg, len(data)) + unit.ljust(32, b"\0")
            + reqid.ljust(40, b"\0") + data)
    return struct.pack("=IIQ", 1, length or 16 + len(body), rid) + body


@test("sign: refused: a unit without a key, a wrong length, malformed "
      "messages; the signer lives on")
def _():
    pid = signer_pid()
    r = sign(unit="999.99.99.H26", digest=digest_of(b"x"))
    eq((r.status, r.json().get("field")), (422, "unit"), "unit without a key")
    r = sign(unit=UNIT, digest=digest_of(b"x")[:62])
    eq((r.status, r.json().get("field")), (422, "digest"), "31 bytes")
    r = sign(unit=UNIT, digest=digest_of(b"x") + "00")
    eq((r.status, r.json().get("field")), (422, "digest"), "33 bytes")
    r = sign(note="no newline at the end")
    eq(r.status, 422, "a note without its newline")
    ok = req(1, UNIT.encode(), bytes(32))
    eq(raw(ok)[:2], (42, 0), "a well-formed request straight to the socket")
    for what, pkt, want in (
            ("garbage", b"\xff" * 7, 2),
            ("a header saying another length", req(1, UNIT.encode(),
                                                   bytes(32), length=9), 2),
            ("one byte more than the header says", ok + b"\0", 2),
            ("a unit not NUL-terminated", req(1, b"A" * 32, bytes(32)), 2),
            ("a request id with a space", req(1, UNIT.encode(), bytes(32),
                                              reqid=b"a b"), 2),
            ("an unknown algorithm", req(9, UNIT.encode(), bytes(32)), 3),
            ("an Ed25519 note naming a unit", req(2, UNIT.encode(), b"x\n"), 5),
            ("a unit code with a slash", req(1, b"../ca", bytes(32)), 5),
            ("an oversized packet", req(2, b"", b"x" * 5000 + b"\n"), 2)):
        _, status, siglen = raw(pkt)
        eq((status, siglen), (want, 0), what)
    eq(signer_pid(), pid, "the signer's pid after bad messages")
    check(signs(), "signing after the refusals")


@test("sign: the audit key signs a signed note; its vkey follows C2SP")
def _():
    with open(os.path.join(KEYS, "audit.vkey")) as f:
        vkey = f.read().strip()
    name, khash, b64 = vkey.split("+", 2)
    import base64
    blob = base64.b64decode(b64)
    eq((len(blob), blob[0]), (33, 1), "vkey: 0x01 and 32 bytes")
    eq(khash, hashlib.sha256(name.encode() + b"\n" + blob).hexdigest()[:8],
       "key hash")
    p = motcua("keys", "list")
    check(vkey in p.stdout, "keys list shows the vkey: %s" % p.stdout[-300:])
    note = b"motcua/audit\n12\nabcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=\n"
    r = sign(note=note.decode())
    eq(r.status, 200, "note: %s" % r.body[:300])
    sig = bytes.fromhex(r.json()["signature"])
    eq(len(sig), 64, "Ed25519 signature length")
    spki = bytes.fromhex("302a300506032b6570032100") + blob[1:]
    with tempfile.TemporaryDirectory() as t:
        pem = "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n" % \
            base64.b64encode(spki).decode()
        for n, b in (("pub", pem.encode()), ("note", note), ("sig", sig),
                     ("bad", note.replace(b"12", b"13"))):
            with open(os.path.join(t, n), "wb") as f:
                f.write(b)
        for n, want in (("note", 0), ("bad", 1)):
            p = sh("openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                   os.path.join(t, "pub"), "-rawin", "-in", os.path.join(t, n),
                   "-sigfile", os.path.join(t, "sig"), ok=False)
            eq(p.returncode != 0, bool(want), "verify %s: %s" % (n, p.stdout))


@test("sign: kill -9 of the signer: 503 at once, signing again once its "
      "keeper restarts it")
def _():
    wait_for(signs, 10, "signing before")
    pid = signer_pid()
    os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    r = sign(unit=UNIT, digest=digest_of(b"y"))
    eq(r.status, 503, "while the signer is down: %s" % r.body[:200])
    check(time.monotonic() - t0 < 1.5, "the 503 took %.1f s"
          % (time.monotonic() - t0))
    eq(r.json().get("detail"), "The signing service is not available; "
       "try again shortly.", "detail")
    wait_for(signs, 10, "signing after the restart")
    check(signer_pid() not in (None, pid), "a new signer")


@test("sign: the signature log's hash chain holds; a changed line is found")
def _():
    check(signs(), "a signature to log")
    log = os.path.join(KEYS, "signatures.log")
    p = motcua("keys", "log-verify")
    check(p.returncode == 0 and "the chain holds" in p.stdout,
          "log-verify: %s" % (p.stdout + p.stderr))
    with open(log) as f:
        lines = f.read().splitlines(True)
    check(len(lines) >= 3, "%d lines" % len(lines))
    # Our own reading of the format (siglog.h).
    prev = "0" * 64
    for i, ln in enumerate(lines):
        f = ln.rstrip("\n").split(" ")
        eq((len(f), f[0], f[7]), (9, str(i + 1), prev), "line %d" % (i + 1))
        body = ln[:ln.rindex(" ") + 1]
        eq(f[8], hashlib.sha256(body.encode()).hexdigest(), "hash %d" % (i + 1))
        prev = f[8]
    with tempfile.TemporaryDirectory() as t:
        bad = lines[:]
        f = bad[1].split(" ")
        f[6] = ("0" if f[6][0] != "0" else "1") + f[6][1:]
        bad[1] = " ".join(f)
        path = os.path.join(t, "log")
        with open(path, "w") as fh:
            fh.writelines(bad)
        p = motcua("keys", "log-verify", path)
        eq(p.returncode, 1, "log-verify of a changed log")
        check(":2: its hash does not match" in p.stderr, p.stderr)
        with open(path, "w") as fh:
            fh.writelines(lines[:1] + lines[2:])
        p = motcua("keys", "log-verify", path)
        check(p.returncode == 1 and ":2:" in p.stderr,
              "a removed line: %s" % p.stderr)


@test("sign: keys rotate: a new current key, the old certificate stays; "
      "after SIGHUP the signer signs with the new one")
def _():
    old = current(OTHER)
    p = motcua("keys", "rotate", OTHER)
    eq(p.returncode, 0, "rotate: %s" % p.stderr)
    new = current(OTHER)
    check(new != old, "the current key did not change")
    check(os.path.exists(os.path.join(KEYS, "units", OTHER, old + ".pem")),
          "the old certificate went")
    lst = motcua("keys", "list").stdout
    check(old in lst and new + "  " in lst, "keys list: %s" % lst)
    os.kill(master_pid(), signal.SIGHUP)

    def new_key():
        r = sign(unit=OTHER, digest=digest_of(b"z"))
        return r.status == 200 and r.json()["key_id"].startswith(new)
    wait_for(new_key, 15, "a signature by the new key %s" % new)
    wait_stable()
    p = motcua("keys", "rotate", "NO.SUCH")
    check(p.returncode != 0 and "no such unit" in p.stderr, p.stderr)
