"""A service with no signal handler of its own: Python's default SIGINT
handler raises KeyboardInterrupt, SIGTERM has none."""
import time

print("gracelint-test: ready", flush=True)
try:
    while True:
        time.sleep(1)
except KeyboardInterrupt:
    print("gracelint-test: got SIGINT", flush=True)
finally:
    print("gracelint-test: cleanup done", flush=True)
