"""Shared helpers of the black-box HTTP tests: configuration from the
environment, an HTTP client (http.client, and raw sockets for requests
that a library would refuse to send), the stack's processes, the log,
/metrics, and assertions that say what they saw.

Python 3 standard library only.
"""
import hashlib
import http.client
import json
import os
import re
import socket
import subprocess
import threading
import time
import urllib.parse

URL = os.environ.get("MOTCUA_TEST_URL", "http://127.0.0.1:8080")
VAR = os.environ.get("MOTCUA_TEST_VAR", "")
ROOT = os.environ.get("MOTCUA_TEST_ROOT",
                      os.path.dirname(os.path.dirname(os.path.dirname(
                          os.path.abspath(__file__)))))
STACK = os.environ.get("MOTCUA_TEST_STACK",
                       os.path.join(ROOT, "scripts", "stack.sh"))

_u = urllib.parse.urlsplit(URL)
HOST = _u.hostname or "127.0.0.1"
PORT = _u.port or 80
LOG = os.path.join(VAR, "log", "motcua.log")
PSQL = "/usr/lib/postgresql/15/bin/psql"
TIMEOUT = 10.0
HEX32 = re.compile(r"^[0-9a-f]{32}$")


class TestFailure(AssertionError):
    pass


def fail(msg):
    raise TestFailure(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def eq(got, want, what):
    if got != want:
        fail("%s: want %s, got %s" % (what, short(want), short(got)))


def short(v, n=300):
    s = repr(v)
    return s if len(s) <= n else s[:n] + "...(%d chars)" % len(s)


# --- HTTP --------------------------------------------------------------------

class Resp:
    """status, headers (lower-case name -> list of values), body bytes."""

    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body

    def header(self, name, default=None):
        v = self.headers.get(name.lower())
        return v[0] if v else default

    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            fail("body is not JSON (%s): %s" % (e, short(self.body)))

    def __repr__(self):
        return "<%d %s %s>" % (self.status, self.header("content-type"),
                               short(self.body, 200))


def _headers_of(msg):
    h = {}
    for k, v in msg.items():
        h.setdefault(k.lower(), []).append(v)
    return h


def request(method, path, body=None, headers=None, timeout=TIMEOUT,
            source=None):
    """One request on a new connection.  A POST carries Origin, as a
    browser's does: this server's, unless headers say otherwise (None:
    no Origin at all).  source: the client's address, another of the
    loopback's (127.0.0.2 ...), which nginx sees as $remote_addr."""
    h = dict(headers or {})
    if method == "POST" and not any(k.lower() == "origin" for k in h):
        h["Origin"] = "http://%s:%d" % (HOST, PORT)
    h = {k: v for k, v in h.items() if v is not None}
    conn = http.client.HTTPConnection(
        HOST, PORT, timeout=timeout,
        source_address=(source, 0) if source else None)
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, r.reason, _headers_of(r.headers), data)
    finally:
        conn.close()


def get(path, headers=None, timeout=TIMEOUT, source=None):
    return request("GET", path, headers=headers, timeout=timeout,
                   source=source)


def post(path, body, ctype, headers=None, timeout=TIMEOUT, source=None):
    h = {"Content-Type": ctype} if ctype is not None else {}
    h.update(headers or {})
    if isinstance(body, str):
        body = body.encode("utf-8")
    return request("POST", path, body=body, headers=h, timeout=timeout,
                   source=source)


def _complete(data):
    """True when data holds a whole response (by Content-Length, or a
    chunked body's last chunk); False if it needs more or the close."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    h = head.lower()
    m = re.search(rb"\r\ncontent-length: *(\d+)", h)
    if m:
        return len(body) >= int(m.group(1))
    if b"transfer-encoding: chunked" in h:
        return body.endswith(b"\r\n0\r\n\r\n") or body == b"0\r\n\r\n"
    return head.startswith(b"HTTP/1.1 304") or b" 204 " in head[:16]


def _read_response(s, deadline):
    """Read until the server closes or a whole response is in (nginx
    may linger before it closes a connection whose body it refused)."""
    chunks = []
    while True:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            c = s.recv(65536)
        except socket.timeout:
            fail("raw request: no complete answer in time (got %s)"
                 % short(b"".join(chunks)))
        except ConnectionResetError:
            break
        if not c:
            break
        chunks.append(c)
        if _complete(b"".join(chunks)):
            break
    return b"".join(chunks)


def _dechunk(b):
    out = b""
    while True:
        line, _, b = b.partition(b"\r\n")
        n = int(line.split(b";")[0], 16)
        if n == 0:
            return out
        out += b[:n]
        b = b[n + 2:]


def parse_raw(data):
    head, sep, body = data.partition(b"\r\n\r\n")
    check(sep, "raw answer has no end of head: %s" % short(data))
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.[01] (\d{3}) ?(.*)", lines[0])
    check(m, "raw answer has no status line: %s" % short(lines[0]))
    h = {}
    for ln in lines[1:]:
        k, _, v = ln.partition(":")
        h.setdefault(k.strip().lower(), []).append(v.strip())
    if "chunked" in ",".join(h.get("transfer-encoding", [])):
        body = _dechunk(body)
    elif "content-length" in h:
        body = body[:int(h["content-length"][0])]
    return Resp(int(m.group(1)), m.group(2), h, body)


def raw(data, timeout=TIMEOUT, close_write=False):
    """Send bytes as they are; read the answer until the server closes
    (send Connection: close)."""
    deadline = time.monotonic() + timeout
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    try:
        s.sendall(data)
        if close_write:
            s.shutdown(socket.SHUT_WR)
        return parse_raw(_read_response(s, deadline))
    finally:
        s.close()


def raw_request(method, path, headers=(), body=b"", timeout=TIMEOUT):
    """headers: list of (name, value) with str or bytes, sent verbatim."""
    out = [("%s %s HTTP/1.1\r\n" % (method, path)).encode("latin-1"),
           ("Host: %s:%d\r\n" % (HOST, PORT)).encode()]
    for k, v in headers:
        if isinstance(v, str):
            v = v.encode("utf-8")
        out.append(k.encode("latin-1") + b": " + v + b"\r\n")
    out.append(b"Connection: close\r\n\r\n")
    return raw(b"".join(out) + body, timeout=timeout)


# --- multipart ---------------------------------------------------------------

def multipart(parts, boundary=None, preamble=b"", epilogue=b""):
    """parts: (name, value) for text, or (name, filename, ctype, bytes)
    for a file (ctype None: no Content-Type line).  Returns (ctype, body)."""
    if boundary is None:
        boundary = "motcua-" + os.urandom(12).hex()
    bb = boundary.encode()
    out = [preamble]
    for p in parts:
        out.append(b"--" + bb + b"\r\n")
        if len(p) == 2:
            name, value = p
            if isinstance(value, str):
                value = value.encode("utf-8")
            out.append(b'Content-Disposition: form-data; name="'
                       + name.encode("utf-8") + b'"\r\n\r\n')
        else:
            name, filename, ctype, value = p
            out.append(b'Content-Disposition: form-data; name="'
                       + name.encode("utf-8") + b'"; filename="'
                       + filename.encode("utf-8") + b'"\r\n')
            if ctype is not None:
                out.append(b"Content-Type: " + ctype.encode() + b"\r\n")
            out.append(b"\r\n")
        check(b"\r\n--" + bb not in value, "test bug: boundary in a value")
        out.append(value + b"\r\n")
    out.append(b"--" + bb + b"--\r\n" + epilogue)
    return "multipart/form-data; boundary=" + boundary, b"".join(out)


def sha256(b):
    return hashlib.sha256(b).hexdigest()


# --- assertions on responses -------------------------------------------------

def assert_status(r, status, what=""):
    if r.status != status:
        fail("%swant status %d, got %d: %s"
             % (what + ": " if what else "", status, r.status,
                short(r.body, 400)))


def assert_request_id(r):
    rid = r.header("x-request-id")
    check(rid is not None, "no X-Request-Id header: %s" % r.headers)
    check(HEX32.match(rid), "X-Request-Id is not 32 hex digits: %r" % rid)
    return rid


_MISSING = object()


def assert_problem(r, status, slug, field=_MISSING, detail=True):
    """An RFC 9457 problem document from motcua."""
    assert_status(r, status)
    ct = r.header("content-type", "")
    check(ct.startswith("application/problem+json"),
          "Content-Type: want application/problem+json, got %r (%s)"
          % (ct, short(r.body, 200)))
    rid = assert_request_id(r)
    j = r.json()
    check(isinstance(j, dict), "problem is not an object: %s" % short(j))
    eq(j.get("type"), "/problems/" + slug, "problem type")
    eq(j.get("status"), status, "problem status")
    for k in ("title", "title_vi"):
        check(isinstance(j.get(k), str) and j[k], "problem %s missing: %s"
              % (k, short(j)))
    if detail:
        for k in ("detail", "detail_vi"):
            check(isinstance(j.get(k), str) and j[k],
                  "problem %s missing: %s" % (k, short(j)))
    eq(j.get("request_id"), rid, "problem request_id vs X-Request-Id")
    if field is not _MISSING:
        eq(j.get("field"), field, "problem field")
    return j


def assert_html_error(r, status):
    assert_status(r, status)
    ct = r.header("content-type", "")
    check(ct.startswith("text/html"), "Content-Type: want text/html, got %r"
          % ct)
    rid = assert_request_id(r)
    t = r.text()
    check('<html lang="vi">' in t, "no <html lang=\"vi\">: %s" % short(t))
    check(rid in t, "the page does not show the request id %s" % rid)
    check("<title>%d " % status in t, "no <title>%d ...: %s"
          % (status, short(t)))
    return t


# --- the stack ---------------------------------------------------------------

def stack_env():
    env = dict(os.environ)
    env.setdefault("MOTCUA_DIAG", "1")
    env.setdefault("MOTCUA_WORKERS", "2")
    env.setdefault("ASAN_OPTIONS", "detect_leaks=0")
    return env


def stack(cmd, timeout=90):
    p = subprocess.run([STACK, VAR, cmd], capture_output=True, text=True,
                       timeout=timeout, env=stack_env())
    if p.returncode != 0:
        fail("stack.sh %s exited %d: %s" % (cmd, p.returncode,
                                           (p.stdout + p.stderr)[-600:]))
    return p.stdout.strip()


def master_pid():
    return int(stack("serve-pid"))


def children(pid):
    """The workers of the master pid (not the keepers of its helpers,
    the signer's)."""
    p = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                       text=True, timeout=10)
    return {int(x) for x in p.stdout.split() if comm(int(x)) != "motcua-keeper"}


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return None


def alive(pid):
    """True if pid runs (a zombie counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
    except FileNotFoundError:
        return False
    return st[st.rindex(")") + 2] != "Z"


def binary():
    """The binary the stack serves (stack.env), else build/motcua."""
    try:
        with open(os.path.join(VAR, "stack.env")) as f:
            for ln in f:
                if ln.startswith("BINARY="):
                    return ln.split("=", 1)[1].strip()
    except OSError:
        pass
    return os.path.join(ROOT, "build", "motcua")


def db_url():
    return stack("db-url")


def psql(sql):
    p = subprocess.run([PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                        "-d", db_url(), "-c", sql], capture_output=True,
                       text=True, timeout=30)
    if p.returncode != 0:
        fail("psql %r exited %d: %s" % (sql, p.returncode, p.stderr[-400:]))
    return p.stdout.strip()


# --- /metrics ----------------------------------------------------------------

_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? '
                     r'([-+]?[0-9.eE+-]+|[-+]Inf|NaN)$')
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text):
    """{(name, ((label, value), ...)): float}; fails on a malformed line."""
    out = {}
    for ln in text.split("\n"):
        if ln == "" or ln.startswith("# HELP ") or ln.startswith("# TYPE "):
            continue
        m = _SAMPLE.match(ln)
        check(m, "malformed metrics line: %r" % ln)
        labels = ()
        if m.group(3):
            labels = tuple(sorted(_LABEL.findall(m.group(3))))
            rebuilt = ",".join('%s="%s"' % kv for kv in
                               _LABEL.findall(m.group(3)))
            eq(rebuilt, m.group(3), "labels of %r" % ln)
        key = (m.group(1), labels)
        check(key not in out, "duplicate metrics sample: %r" % ln)
        out[key] = float(m.group(4))
    return out


def metrics():
    r = get("/metrics")
    assert_status(r, 200, "/metrics")
    return parse_metrics(r.text())


def metric(m, name, default=0.0, **labels):
    return m.get((name, tuple(sorted(labels.items()))), default)


def wait_for(pred, timeout, what, step=0.1):
    """Call pred() until it is true; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            v = pred()
            if v:
                return v
        except (OSError, http.client.HTTPException, TestFailure) as e:
            last = e
        if time.monotonic() > deadline:
            fail("timed out after %.0f s waiting for %s%s"
                 % (timeout, what, " (last: %s)" % last if last else ""))
        time.sleep(step)


def wait_stable(timeout=15):
    """The server answers /healthz 200 with exactly 2 workers."""
    def ok():
        r = get("/healthz", timeout=3)
        if r.status != 200:
            return False
        m = metrics()
        if metric(m, "motcua_workers") != 2:
            return False
        return len(children(master_pid())) == 2
    wait_for(ok, timeout, "/healthz 200 with 2 workers")


# --- the log -----------------------------------------------------------------

def log_size():
    try:
        return os.path.getsize(LOG)
    except OSError:
        return 0


LOG_START = None       # the log's size when the run started (run.py)


def log_lines(since=0):
    with open(LOG, "rb") as f:
        f.seek(since)
        data = f.read()
    return data.decode("utf-8", "replace").splitlines()


def log_msgs(since, pid, text):
    """The master/worker message lines of pid, from byte since on, whose
    msg holds text."""
    out = []
    for ln in log_lines(since):
        if '"pid":%d,' % pid not in ln or text not in ln:
            continue
        try:
            j = json.loads(ln)
        except ValueError:
            continue
        if j.get("pid") == pid and text in j.get("msg", ""):
            out.append(ln)
    return out


def log_find(request_id, timeout=3):
    """The JSON log line of a request id."""
    def find():
        for ln in log_lines():
            if request_id in ln:
                try:
                    j = json.loads(ln)
                except ValueError:
                    fail("log line is not JSON: %r" % ln)
                if j.get("request_id") == request_id:
                    return j
        return None
    return wait_for(find, timeout, "log line of request %s" % request_id)


# --- load --------------------------------------------------------------------

class Load:
    """n threads send GET path back to back on keep-alive connections
    until stop(); every answer other than 200 is a failure."""

    def __init__(self, n=8, path="/healthz", timeout=5):
        self.n, self.path, self.timeout = n, path, timeout
        self.ok = 0
        self.failures = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []

    def _run(self):
        conn = None
        while not self.stopping.is_set():
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, PORT,
                                                      timeout=self.timeout)
                conn.request("GET", self.path)
                r = conn.getresponse()
                body = r.read()
                if r.status == 200:
                    with self.lock:
                        self.ok += 1
                else:
                    with self.lock:
                        self.failures.append("%d %s" % (r.status,
                                                        short(body, 80)))
                    conn.close()
                    conn = None
                if r.will_close and conn is not None:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                with self.lock:
                    self.failures.append("%s: %s" % (type(e).__name__, e))
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    def start(self):
        for _ in range(self.n):
            t = threading.Thread(target=self._run, daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(self.timeout + 5)
        return self.ok, self.failures


class Async:
    """A request in a thread: start now, result() later."""

    def __init__(self, fn, *args, **kw):
        self.value = None
        self.error = None
        self.t = threading.Thread(target=self._run, args=(fn, args, kw),
                                  daemon=True)
        self.t.start()

    def _run(self, fn, args, kw):
        try:
            self.value = fn(*args, **kw)
        except BaseException as e:   # reported by result()
            self.error = e

    def result(self, timeout=TIMEOUT + 5):
        self.t.join(timeout)
        check(not self.t.is_alive(), "request still running after %.0f s"
              % timeout)
        if self.error is not None:
            fail("request failed: %s: %s" % (type(self.error).__name__,
                                            self.error))
        return self.value


# --- the registry ------------------------------------------------------------

REGISTRY = []


def test(name, last=False):
    """Register a test; last: run after every other test."""
    def deco(fn):
        REGISTRY.append((name, fn, fn.__module__, last))
        return fn
    return deco
