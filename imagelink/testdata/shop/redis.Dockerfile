FROM alpine:3.19
COPY --from=redis:7-alpine /usr/local/bin/redis-server /usr/local/bin/
CMD ["redis-server"]
