#!/usr/bin/env python3
"""ipn_bench.py URL VAR [N] - payment notifications per second.

Against a running stack (scripts/stack.sh, with `motcua demo` loaded):
files N copies-of-a-diploma dossiers as a demo citizen, has the
department's clerk receive them (they await their fee), opens a payment
of each, then sends each payment's notification (VNPay 2.1.0 IPN,
signed as the gateway signs it, tests/vnpay_sim.py) from 16 threads:
every one must be answered 00 and move its dossier on.  Then the same
notifications again (replays: 02, audited, nothing changes).  Prints
the rates."""
import hashlib
import hmac
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests"))
from vnpay_sim import canonical, sign  # noqa: E402

URL, VAR = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 300
THREADS = 16
u = urllib.parse.urlsplit(URL)


def conn():
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def call(c, method, path, body=None, token=None):
    h = {"Accept": "application/json"}
    if body is not None:
        h["Content-Type"] = "application/json"
        h["Idempotency-Key"] = str(uuid.uuid4())
    if token:
        h["Authorization"] = "Bearer " + token
    c.request(method, path, json.dumps(body) if body is not None else None, h)
    r = c.getresponse()
    return r.status, r.read()


def signin(c, key, login):
    st, b = call(c, "POST", "/api/v1/sessions",
                 {key: login, "password": "demo-motcua-2025"})
    assert st == 201, (st, b)
    return json.loads(b)["token"]


def prepare(k, out):
    c = conn()
    an = signin(c, "cccd", "001090012345")
    clerk = signin(c, "username", "clerk.sgd")
    for _ in range(k):
        st, b = call(c, "POST",
                     "/api/v1/services/diploma-register-copy/dossiers",
                     {"data": {"phone": "0912345678",
                               "graduate_name": "Nguyễn Văn An",
                               "graduate_birth_date": "1990-05-01",
                               "credential_kind": "upper-secondary-diploma",
                               "year_awarded": 2008, "copies": 2}}, an)
        assert st == 201, (st, b)
        code = json.loads(b)["code"]
        st, b = call(c, "POST", "/api/v1/dossiers/%s/actions/receive" % code,
                     {}, clerk)
        assert st == 200, (st, b)
        st, b = call(c, "POST", "/api/v1/dossiers/%s/payments" % code,
                     None, an)
        assert st == 201, (st, b)
        q = dict(urllib.parse.parse_qsl(
            urllib.parse.urlsplit(json.loads(b)["url"]).query))
        out.append(q)


def ipns(orders, secret):
    out = []
    for i, q in enumerate(orders):
        p = {"vnp_Amount": q["vnp_Amount"], "vnp_BankCode": "NCB",
             "vnp_CardType": "ATM", "vnp_OrderInfo": q["vnp_OrderInfo"],
             "vnp_PayDate": q["vnp_CreateDate"], "vnp_ResponseCode": "00",
             "vnp_TmnCode": q["vnp_TmnCode"],
             "vnp_TransactionNo": str(20000000 + i),
             "vnp_TransactionStatus": "00", "vnp_TxnRef": q["vnp_TxnRef"]}
        p["vnp_SecureHash"] = sign(secret, canonical(p))
        out.append("/api/v1/payments/vnpay/ipn?" + urllib.parse.urlencode(p))
    return out


def fire(paths, want):
    bad = []
    lock = threading.Lock()
    parts = [paths[i::THREADS] for i in range(THREADS)]

    def run(part):
        c = conn()
        for p in part:
            c.request("GET", p)
            r = c.getresponse()
            rsp = json.loads(r.read()).get("RspCode")
            if rsp != want:
                with lock:
                    bad.append(rsp)
    ts = [threading.Thread(target=run, args=(p,)) for p in parts]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    dt = time.monotonic() - t0
    return dt, bad


def main():
    with open(os.path.join(VAR, "vnpay.secret")) as f:
        secret = f.read().strip()
    orders = []
    ths = [threading.Thread(target=prepare, args=(N // 4, orders))
           for _ in range(4)]
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    paths = ipns(orders, secret)
    dt, bad = fire(paths, "00")
    print("IPN, first notification (settles, moves the dossier): "
          "%d in %.2f s = %.0f/s" % (len(paths), dt, len(paths) / dt))
    dt2, bad2 = fire(paths, "02")
    print("IPN, replayed (02, audited, changes nothing):          "
          "%d in %.2f s = %.0f/s" % (len(paths), dt2, len(paths) / dt2))
    if bad or bad2:
        print("unexpected answers: %s" % sorted(set(bad + bad2)))
        sys.exit(1)


if __name__ == "__main__":
    main()
