FROM debian:12
CMD DEBUG=1 /usr/local/bin/app
