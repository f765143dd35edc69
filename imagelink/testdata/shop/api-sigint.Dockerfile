FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -o /out/api ./cmd/api
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/api /usr/local/bin/api
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/api"]
