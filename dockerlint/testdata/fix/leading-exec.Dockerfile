FROM debian:12
CMD exec /usr/local/bin/app -v
