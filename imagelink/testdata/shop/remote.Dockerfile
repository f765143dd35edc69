# An api that is not this module's, whatever its name.
FROM golang:1.26 AS build
RUN go install github.com/acme/api@latest
FROM gcr.io/distroless/static-debian12
COPY --from=build /go/bin/api /api
ENTRYPOINT ["/api"]
