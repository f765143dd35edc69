FROM debian:12
CMD ["sh", "-c", "/usr/local/bin/app --port 8080"]
