# gracelint's own image. Lint a repository from the outside:
#   docker run --rm -v "$PWD:/src" IMAGE ./...
FROM golang:1.26 AS build
WORKDIR /build
# Dependencies first: this layer is reused while only gracelint's code changes.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /gracelint ./cmd/gracelint

# A static binary needs no shell and no libc: distroless/static has neither.
FROM gcr.io/distroless/static
COPY --from=build /gracelint /gracelint
WORKDIR /src
ENTRYPOINT ["/gracelint"]
