#!/usr/bin/python3
"""A real SMTP server on loopback for the tests and `make run`: aiosmtpd
(Debian's python3-aiosmtpd, under /usr/bin/python3), saving each message
as it was received to a maildir.

    /usr/bin/python3 tests/smtp_sink.py PORT MAILDIR
"""
import mailbox
import signal
import sys
import time

from aiosmtpd.controller import Controller


class Save:
    def __init__(self, path):
        self.box = mailbox.Maildir(path, create=True)

    async def handle_DATA(self, server, session, envelope):
        msg = mailbox.MaildirMessage(envelope.original_content)
        msg["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.box.add(msg)
        return "250 OK saved"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    c = Controller(Save(path), hostname="127.0.0.1", port=port)
    c.start()
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    while not stop:
        time.sleep(0.2)
    c.stop()


if __name__ == "__main__":
    main()
