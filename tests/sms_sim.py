#!/usr/bin/env python3
"""An SMS gateway simulator: POST / with JSON {to, text, id} and
`Authorization: Bearer TOKEN`.  Each accepted message is appended as a
JSON line to LOG; a repeated id is accepted and not recorded twice.
Control, for the tests: POST /fail with {"status": 500, "count": N}
answers N messages with that status (0 for a timeout: no answer for
30 s); GET /messages lists what was recorded.

    python3 tests/sms_sim.py PORT TOKEN_FILE LOG
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"fail": 0, "status": 500, "seen": set(), "lock": threading.Lock()}


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, code, obj):
        b = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)

    def do_GET(self):
        if self.path != "/messages":
            return self.answer(404, {"error": "not found"})
        with open(LOG, encoding="utf-8") as f:
            self.answer(200, [json.loads(l) for l in f if l.strip()])

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        if self.path == "/fail":
            j = json.loads(body)
            with state["lock"]:
                state["fail"] = int(j.get("count", 1))
                state["status"] = int(j.get("status", 500))
            return self.answer(200, {"ok": True})
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.answer(401, {"error": "bad token"})
        try:
            j = json.loads(body)
            to, text, mid = j["to"], j["text"], j["id"]
        except (ValueError, KeyError):
            return self.answer(400, {"error": "to, text and id"})
        with state["lock"]:
            if state["fail"] > 0:
                state["fail"] -= 1
                status = state["status"]
            else:
                status = 200
        if status == 0:
            time.sleep(30)
            return
        if status != 200:
            return self.answer(status, {"error": "simulated failure"})
        with state["lock"]:
            if mid not in state["seen"]:
                state["seen"].add(mid)
                with open(LOG, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"to": to, "text": text, "id": mid},
                                       ensure_ascii=False) + "\n")
        self.answer(200, {"id": mid, "status": "queued"})


if __name__ == "__main__":
    PORT = int(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        TOKEN = f.read().strip()
    LOG = sys.argv[3]
    open(LOG, "a").close()
    ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
