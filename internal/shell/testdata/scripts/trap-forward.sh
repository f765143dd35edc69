#!/bin/sh
# Runs two processes and forwards the stop signal to both.
term() {
	kill -TERM "$worker" "$server" 2>/dev/null
}
trap term TERM INT

worker --queue default &
worker=$!
server --port 8080 &
server=$!

wait "$server"
trap - TERM INT
wait "$server"
exit $?
