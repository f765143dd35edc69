FROM debian:12
ENV PORT=8080
CMD /usr/local/bin/migrate && /usr/local/bin/app --port $PORT
