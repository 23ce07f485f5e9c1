"""The current code of a TOTP device, for the demo command and the tests (what an authenticator app shows)."""

import time

from django_otp.oath import TOTP


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"
