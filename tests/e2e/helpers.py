"""Steps the journeys share."""

import base64
import hashlib
import hmac
import struct
import time

from .seed import ANALYST_TOTP_SECRET, PASSWORD


def totp(secret=ANALYST_TOTP_SECRET, at=None, step=30, digits=6):
    """RFC 6238 code, computed independently of the application."""
    counter = int((at or time.time()) // step)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


_used = {}


def fresh_totp(email):
    """A code this account has not used yet: the server refuses a code twice,
    so a second sign-in within the same 30 s waits for the next one."""
    code = totp()
    while _used.get(email) == code:
        time.sleep(1)
        code = totp()
    _used[email] = code
    return code


def log_in(page, email, password=PASSWORD, with_totp=False):
    page.goto("/akun/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    if with_totp:
        page.wait_for_selector("input[name=code]")
        page.fill("input[name=code]", fresh_totp(email))
        page.click("form button[type=submit]")
    page.wait_for_load_state()
