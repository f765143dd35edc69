FROM debian:12
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["/usr/local/bin/app --port 8080"]
