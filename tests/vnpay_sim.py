#!/usr/bin/env python3
"""A simulator of the VNPay 2.1.0 payment gateway, the other side of the
protocol that fcgi/app/pay.c speaks (docs/payments.md), for the tests
and for demonstrations.  Python's standard library only.

    vnpay_sim.py --port P --secret-file F --tmn-code CODE --ipn-url URL

  GET  /paymentv2/vpcpay.html?vnp_...   the payment page: checks our
       signature (HMAC-SHA512 over the sorted, form-URL-encoded vnp_*
       parameters), the terminal and the amount; a form to pay or cancel
  POST /paymentv2/pay                   ref=..&choice=pay|cancel: signs
       the outcome, calls our IPN (server to server, GET) as the mode
       says, then redirects the browser (302) to vnp_ReturnUrl
  POST /merchant_webapi/api/transaction querydr (JSON, pipe-joined HMAC)
  POST /_sim/mode   {"mode": M}  for the next payments:
       normal        the IPN, then the return
       return-first  the return first, the IPN 1 s later (delayed)
       missing       no IPN at all (reconciliation must find it)
       replay        the IPN twice, one after the other
       concurrent    the IPN twice at the same moment
       bad-signature the IPN with a forged signature
       wrong-amount  the IPN signed, but with another amount
       wrong-terminal the IPN signed, but from another terminal
  GET  /_sim/log    the IPNs sent and our answers, as JSON
Prints "vnpay simulator on http://127.0.0.1:P/" when it listens.
"""
import argparse
import hashlib
import hmac
import html
import json
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SAFE = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def encode(s):
    """Form-URL-encoding as the gateway's demo code does (PHP urlencode):
    letters, digits and -_. as they are, space as +, the rest %XX."""
    out = []
    for b in s.encode("utf-8"):
        if b in SAFE:
            out.append(chr(b))
        elif b == 0x20:
            out.append("+")
        else:
            out.append("%%%02X" % b)
    return "".join(out)


def canonical(params):
    keys = sorted(k for k, v in params.items()
                  if k.startswith("vnp_") and v != "" and
                  k not in ("vnp_SecureHash", "vnp_SecureHashType"))
    return "&".join("%s=%s" % (k, encode(params[k])) for k in keys)


def sign(secret, data):
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def signed_query(secret, params):
    c = canonical(params)
    return c + "&vnp_SecureHash=" + sign(secret, c)


class Gateway:
    def __init__(self, secret, tmn, ipn_url):
        self.secret = secret
        self.tmn = tmn
        self.ipn_url = ipn_url
        self.mode = "normal"
        self.orders = {}        # txn ref -> order and outcome
        self.log = []
        self.lock = threading.Lock()
        self.seq = 14000000

    def ipn(self, params):
        url = self.ipn_url + "?" + urllib.parse.urlencode(params)
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                status, body = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode()
        except OSError as e:
            status, body = 0, str(e)
        try:
            rsp = json.loads(body).get("RspCode")
        except ValueError:
            rsp = None
        with self.lock:
            self.log.append({"ref": params.get("vnp_TxnRef"),
                             "mode": self.mode, "status": status,
                             "rsp": rsp, "body": body})
        return rsp

    def outcome(self, ref, choice):
        o = self.orders[ref]
        with self.lock:
            self.seq += 1
            no = str(self.seq)
        paid = choice == "pay"
        p = {"vnp_Amount": o["vnp_Amount"], "vnp_BankCode": "NCB",
             "vnp_BankTranNo": "VNP" + no, "vnp_CardType": "ATM",
             "vnp_OrderInfo": o["vnp_OrderInfo"],
             "vnp_PayDate": time.strftime("%Y%m%d%H%M%S",
                                          time.gmtime(time.time() + 7 * 3600)),
             "vnp_ResponseCode": "00" if paid else "24",
             "vnp_TmnCode": self.tmn, "vnp_TransactionNo": no,
             "vnp_TransactionStatus": "00" if paid else "02",
             "vnp_TxnRef": ref}
        o["outcome"] = p
        c = canonical(p)
        p["vnp_SecureHash"] = sign(self.secret, c)
        return p

    def notify(self, p):
        """Send the IPN of outcome p as the mode says."""
        mode = self.mode
        if mode == "missing":
            return
        q = dict(p)
        if mode == "bad-signature":
            q["vnp_SecureHash"] = sign("not-the-secret", canonical(q))
        elif mode == "wrong-amount":
            q["vnp_Amount"] = str(int(q["vnp_Amount"]) + 100)
            q["vnp_SecureHash"] = sign(self.secret, canonical(q))
        elif mode == "wrong-terminal":
            q["vnp_TmnCode"] = "OTHERTMN"
            q["vnp_SecureHash"] = sign(self.secret, canonical(q))
        if mode == "concurrent":
            ts = [threading.Thread(target=self.ipn, args=(q,))
                  for _ in range(2)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            return
        self.ipn(q)
        if mode == "replay":
            self.ipn(q)

    def querydr(self, req):
        keys = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode",
                "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate",
                "vnp_IpAddr", "vnp_OrderInfo")
        data = "|".join(str(req.get(k, "")) for k in keys)
        a = {"vnp_ResponseId": req.get("vnp_RequestId", ""),
             "vnp_Command": "querydr", "vnp_TmnCode": self.tmn,
             "vnp_TxnRef": req.get("vnp_TxnRef", ""), "vnp_Amount": "",
             "vnp_BankCode": "", "vnp_PayDate": "", "vnp_TransactionNo": "",
             "vnp_TransactionType": "01", "vnp_TransactionStatus": "",
             "vnp_OrderInfo": "", "vnp_PromotionCode": "",
             "vnp_PromotionAmount": ""}
        o = self.orders.get(req.get("vnp_TxnRef"))
        if not hmac.compare_digest(sign(self.secret, data),
                                   str(req.get("vnp_SecureHash", ""))):
            a["vnp_ResponseCode"], a["vnp_Message"] = "97", "Invalid checksum"
        elif req.get("vnp_TmnCode") != self.tmn:
            a["vnp_ResponseCode"], a["vnp_Message"] = "02", "Invalid TmnCode"
        elif o is None:
            a["vnp_ResponseCode"], a["vnp_Message"] = "91", "Not found"
        else:
            a["vnp_ResponseCode"], a["vnp_Message"] = "00", "Success"
            a["vnp_Amount"] = o["vnp_Amount"]
            a["vnp_OrderInfo"] = o["vnp_OrderInfo"]
            out = o.get("outcome")
            if out is None:
                a["vnp_TransactionStatus"] = "01"
            else:
                a.update({k: out[k] for k in ("vnp_BankCode", "vnp_PayDate",
                                              "vnp_TransactionNo",
                                              "vnp_TransactionStatus")})
        order = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode",
                 "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount",
                 "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                 "vnp_TransactionType", "vnp_TransactionStatus",
                 "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount")
        a["vnp_SecureHash"] = sign(self.secret,
                                   "|".join(a[k] for k in order))
        return a


def handler_for(gw):
    class H(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            pass

        def send(self, status, body, ctype="text/html; charset=utf-8",
                 headers=()):
            b = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(b)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(b)

        def body(self):
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(min(n, 65536)).decode("utf-8", "replace")

        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            if u.path == "/_sim/log":
                with gw.lock:
                    return self.send(200, json.dumps(gw.log),
                                     "application/json")
            if u.path != "/paymentv2/vpcpay.html":
                return self.send(404, "not found")
            q = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
            given = q.get("vnp_SecureHash", "")
            if not hmac.compare_digest(sign(gw.secret, canonical(q)),
                                       given.lower()):
                return self.send(400, "<p id=error>97 Invalid signature</p>")
            if q.get("vnp_TmnCode") != gw.tmn or \
                    q.get("vnp_Version") != "2.1.0" or \
                    "vnp_SecureHashType" in q:
                return self.send(400, "<p id=error>Invalid request</p>")
            gw.orders[q["vnp_TxnRef"]] = q
            amount = int(q["vnp_Amount"]) // 100
            ref = html.escape(q["vnp_TxnRef"])
            self.send(200, (
                "<!doctype html><title>VNPay (simulator)</title>"
                "<h1>VNPay simulator</h1><p id=amount>%d VND</p>"
                "<p id=info>%s</p><form method=post action=/paymentv2/pay>"
                "<input type=hidden name=ref value=%s>"
                "<button name=choice value=pay id=pay>Pay</button>"
                "<button name=choice value=cancel id=cancel>Cancel</button>"
                "</form>") % (amount, html.escape(q["vnp_OrderInfo"]), ref))

        def do_POST(self):
            u = urllib.parse.urlsplit(self.path)
            if u.path == "/_sim/mode":
                gw.mode = json.loads(self.body())["mode"]
                return self.send(200, "{}", "application/json")
            if u.path == "/merchant_webapi/api/transaction":
                try:
                    req = json.loads(self.body())
                except ValueError:
                    return self.send(400, "{}", "application/json")
                return self.send(200, json.dumps(gw.querydr(req)),
                                 "application/json")
            if u.path != "/paymentv2/pay":
                return self.send(404, "not found")
            f = dict(urllib.parse.parse_qsl(self.body()))
            ref = f.get("ref", "")
            if ref not in gw.orders:
                return self.send(404, "<p id=error>no such order</p>")
            p = gw.outcome(ref, f.get("choice", "cancel"))
            back = gw.orders[ref]["vnp_ReturnUrl"] + "?" + \
                urllib.parse.urlencode(p)
            if gw.mode == "return-first":
                def later():
                    time.sleep(1.0)
                    gw.ipn(p)
                threading.Thread(target=later, daemon=True).start()
            else:
                gw.notify(p)
            self.send(302, "", headers=[("Location", back)])
    return H


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret-file", required=True)
    ap.add_argument("--tmn-code", required=True)
    ap.add_argument("--ipn-url", required=True)
    a = ap.parse_args()
    with open(a.secret_file) as f:
        secret = f.read().strip()
    gw = Gateway(secret, a.tmn_code, a.ipn_url)
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), handler_for(gw))
    print("vnpay simulator on http://127.0.0.1:%d/" % a.port, flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
