#!/usr/bin/env bash
# Modelled on docker-library entrypoints: work in functions, exec at the end of
# _main, which runs only when the file is executed rather than sourced.
set -Eeo pipefail

log() { printf '%s\n' "$*" >&2; }

_is_sourced() {
	[ "${#FUNCNAME[@]}" -ge 2 ] \
		&& [ "${FUNCNAME[0]}" = '_is_sourced' ] \
		&& [ "${FUNCNAME[1]}" = 'source' ]
}

_setup_datadir() {
	mkdir -p "$DATADIR"
	if [ "$(id -u)" = '0' ]; then
		chown -R app:app "$DATADIR"
	fi
}

_main() {
	if [ "${1:0:1}" = '-' ]; then
		set -- appd "$@"
	fi
	if [ "$1" = 'appd' ]; then
		_setup_datadir
		if [ "$(id -u)" = '0' ]; then
			exec gosu app "$BASH_SOURCE" "$@"
		fi
		log 'ready'
	fi
	exec "$@"
}

if ! _is_sourced; then
	_main "$@"
fi
