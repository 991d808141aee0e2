"""The nginx configurations: nginx/site.conf.example (production) is
checked by `nginx -t` with certificates openssl makes for the test,
then run on ports of its own in front of the test stack's motcua, to
see what its answers carry (HSTS, nosniff on static files as on
dynamic answers, /metrics on a loopback listener only); and the dev
configuration (nginx/motcua.conf.in, the stack's) sends nosniff with
static files."""
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time

from lib import (ROOT, URL, VAR, assert_status, check, eq, get, short, test,
                 wait_for)

HOST = "dichvucong.example.gov.vn"
HSTS_MIN = 180 * 24 * 3600      # what "a sensible max-age" means here


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


class Site:
    """site.conf.example under a wrapper of nginx.conf in a temporary
    directory: its paths, ports and upstream replaced by the test's."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="motcua-site.")
        os.chmod(self.dir, 0o755)       # nginx's workers read under it
        os.mkdir(os.path.join(self.dir, "log"))
        self.tls, self.plain, self.ops = free_ports(3)
        self.cert = os.path.join(self.dir, "fullchain.pem")
        self.key = os.path.join(self.dir, "privkey.pem")
        p = subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
             "-subj", "/CN=" + HOST, "-addext",
             "subjectAltName=DNS:" + HOST, "-keyout", self.key,
             "-out", self.cert], capture_output=True, text=True,
            timeout=60)
        check(p.returncode == 0, "openssl: %s" % p.stderr[-400:])
        with open(os.path.join(ROOT, "nginx", "site.conf.example")) as f:
            self.example = f.read()
        site = self.example
        sock = os.path.join(VAR, "run", "motcua.sock")
        for old, new in (
                ("/etc/ssl/motcua/fullchain.pem", self.cert),
                ("/etc/ssl/motcua/privkey.pem", self.key),
                ("/var/log/nginx/", self.dir + "/log/"),
                ("/usr/local/share/motcua/", ROOT + "/"),
                ("unix:/run/motcua/motcua.sock", "unix:" + sock),
                ("listen 443 ssl", "listen 127.0.0.1:%d ssl" % self.tls),
                ("listen 80;", "listen 127.0.0.1:%d;" % self.plain)):
            # The example changed shape: say so rather than test less.
            check(old in site, "site.conf.example has no %r" % old)
            site = site.replace(old, new)
        # The listener of /metrics (its absence is the tests' to see).
        self.has_ops = "listen 127.0.0.1:9180;" in site
        site = site.replace("listen 127.0.0.1:9180;",
                            "listen 127.0.0.1:%d;" % self.ops)
        code = re.sub(r"#[^\n]*", "", site)
        code = re.sub(r"(?m)^\s*location[^{]*\{", "", code)
        for path in re.findall(r"(?<![:/\w])(/[\w.][^\s;]*)", code):
            check(path.startswith((self.dir, ROOT, VAR)),
                  "a path the test did not replace: %s" % path)
        with open(os.path.join(self.dir, "site.conf"), "w") as f:
            f.write(site)
        t = os.path.join(self.dir, "tmp")
        user = "user www-data;\n" if os.getuid() == 0 else ""
        self.conf = os.path.join(self.dir, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write("%sdaemon on;\npid %s/nginx.pid;\n"
                    "error_log %s/log/error.log warn;\n"
                    "events { worker_connections 64; }\n"
                    "http {\n\tinclude /etc/nginx/mime.types;\n"
                    "\tclient_body_temp_path %s/body;\n"
                    "\tfastcgi_temp_path %s/fastcgi;\n"
                    "\tproxy_temp_path %s/proxy;\n"
                    "\tuwsgi_temp_path %s/uwsgi;\n"
                    "\tscgi_temp_path %s/scgi;\n"
                    "\tinclude %s/site.conf;\n}\n"
                    % (user, self.dir, self.dir, t, t, t, t, t, self.dir))
        os.mkdir(t)
        if os.getuid() == 0:
            shutil.chown(t, "www-data")

    def nginx(self, *args):
        return subprocess.run(["nginx", "-c", self.conf, "-p", self.dir]
                              + list(args), capture_output=True, text=True,
                              timeout=30)

    def start(self):
        p = self.nginx()
        check(p.returncode == 0, "nginx did not start: %s" % p.stderr)
        wait_for(lambda: os.path.exists(self.pidfile()), 10, "nginx.pid")

    def pidfile(self):
        return os.path.join(self.dir, "nginx.pid")

    def close(self):
        try:
            with open(self.pidfile()) as f:
                pid = int(f.read())
            os.kill(pid, signal.SIGQUIT)
            for _ in range(100):
                if not os.path.exists(self.pidfile()):
                    break
                time.sleep(0.05)
        except (OSError, ValueError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def _get(self, conn, path):
        try:
            conn.request("GET", path, headers={"Host": HOST})
            r = conn.getresponse()
            return r.status, r.getheaders(), r.read()
        finally:
            conn.close()

    def https(self, path):
        ctx = ssl.create_default_context(cafile=self.cert)
        ctx.check_hostname = False      # 127.0.0.1; the chain is checked
        return self._get(http.client.HTTPSConnection(
            "127.0.0.1", self.tls, context=ctx, timeout=10), path)

    def http(self, port, path):
        return self._get(http.client.HTTPConnection(
            "127.0.0.1", port, timeout=10), path)


def values(headers, name):
    return [v for k, v in headers if k.lower() == name.lower()]


def hsts_max_age(headers, what):
    v = values(headers, "strict-transport-security")
    eq(len(v), 1, "%s: one Strict-Transport-Security" % what)
    m = re.match(r"max-age=(\d+)(;|$)", v[0])
    check(m and int(m.group(1)) >= HSTS_MIN,
          "%s: Strict-Transport-Security %r: max-age of at least %d s"
          % (what, v[0], HSTS_MIN))


def nosniff(headers, what):
    eq(values(headers, "x-content-type-options"), ["nosniff"],
       "%s: X-Content-Type-Options" % what)


@test("nginx: the site example passes nginx -t (certificates by openssl)")
def _():
    site = Site()
    try:
        p = site.nginx("-t")
        check(p.returncode == 0, "nginx -t: %s" % p.stderr)
        check("syntax is ok" in p.stderr and "successful" in p.stderr,
              "nginx -t says: %s" % p.stderr)
        # The directives are there (their effect is the next test's).
        ex = site.example
        check(re.search(r"add_header Strict-Transport-Security "
                        r"\"max-age=\d+[^\"]*\" always;", ex),
              "no add_header Strict-Transport-Security ... always")
        check("add_header X-Content-Type-Options nosniff always;" in ex,
              "no add_header X-Content-Type-Options nosniff always")
        check("allow 127.0.0.1;" not in ex.split("listen 443", 1)[1]
              .split("\nserver {", 1)[0],
              "/metrics is not left to allow 127.0.0.1 on the public server")
    finally:
        site.close()


@test("nginx: the site example: HSTS, nosniff on static and dynamic "
      "answers, /metrics on loopback only")
def _():
    site = Site()
    try:
        site.start()
        for path, status in (("/static/motcua.css", 200),
                             ("/static/no-such-file.css", 404),
                             ("/healthz", 200),
                             ("/no-such-page", 404)):
            st, h, body = site.https(path)
            eq(st, status, "GET %s over TLS" % path)
            hsts_max_age(h, path)
            nosniff(h, path)
        st, h, body = site.https("/static/motcua.css")
        with open(os.path.join(ROOT, "nginx", "static", "motcua.css"),
                  "rb") as f:
            eq(body, f.read(), "the static file")
        # The public server does not serve /metrics...
        st, h, body = site.https("/metrics")
        eq(st, 404, "/metrics on the public server")
        check(b"motcua_http_requests_total" not in body,
              "no metrics: %s" % short(body))
        # ...the loopback listener does, and nothing else.
        check(site.has_ops, "no server for /metrics listens on "
              "127.0.0.1:9180 in site.conf.example")
        st, h, body = site.http(site.ops, "/metrics")
        eq(st, 200, "/metrics on the loopback listener")
        check(b"motcua_http_requests_total" in body,
              "Prometheus text: %s" % short(body))
        eq(site.http(site.ops, "/healthz")[0], 404, "only /metrics there")
        st, h, body = site.http(site.plain, "/services?x=1")
        eq((st, values(h, "location")),
           (301, ["https://%s/services?x=1" % HOST]), "plain HTTP")
    finally:
        site.close()


@test("nginx: the dev configuration sends nosniff with static files")
def _():
    for path, status in (("/static/motcua.css", 200),
                         ("/static/no-such-file.css", 404)):
        r = get(path)
        assert_status(r, status, path)
        eq(r.header("x-content-type-options"), "nosniff",
           "%s: X-Content-Type-Options (%s)" % (path, URL))
        eq(len(r.headers.get("x-content-type-options", [])), 1,
           "%s: one header" % path)
    r = get("/healthz")
    eq(r.headers.get("x-content-type-options"), ["nosniff"],
       "a dynamic answer: one nosniff")
