FROM debian:12
CMD trap "echo bye" TERM; /usr/local/bin/app
