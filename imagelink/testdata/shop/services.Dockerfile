# Every command into /out/, run through an entrypoint script that execs one.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod ./
COPY cmd/ ./cmd/
RUN go build -o /out/ ./cmd/...
FROM alpine:3.19
COPY --from=build /out/ /usr/local/bin/
COPY entrypoint.sh /
ENTRYPOINT ["/entrypoint.sh"]
