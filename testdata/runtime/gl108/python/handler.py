"""A service that stops on SIGTERM: sys.exit runs its finally block."""
import signal
import sys
import time


def stop(signum, frame):
    print("gracelint-test: got", signal.Signals(signum).name, flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
print("gracelint-test: ready", flush=True)
try:
    while True:
        time.sleep(1)
finally:
    print("gracelint-test: cleanup done", flush=True)
