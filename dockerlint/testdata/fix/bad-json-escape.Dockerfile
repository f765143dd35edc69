FROM debian:12
CMD ["/usr/local/bin/app", "\q"]
