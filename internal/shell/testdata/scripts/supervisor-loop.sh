#!/bin/sh
while true; do
	app --once || echo "app failed, restarting" >&2
	sleep 1
done
