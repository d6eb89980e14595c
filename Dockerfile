# fleetform's container image, for GitLab and other container-first CI: the release binaries on Debian slim
# with CA certificates and libxml2, run as a non-root user, `fleetform` as the entry point. The build stage runs
# scripts/release.sh, the very commands that make the release archives, and the image holds that archive's
# binaries, man pages and completions. How to build and publish it: docs/releasing.md, "Container image".
#
#   docker build -t fleetform:0.2.0 --build-arg VERSION=0.2.0 --build-arg COMMIT="$(git rev-parse HEAD)" \
#     --build-arg SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)" .

ARG SWIFT_IMAGE=swift:6.3.1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
COPY . .
# .dockerignore leaves .git out of the context, so the commit and its time come in as build arguments.
ARG VERSION
ARG COMMIT
ARG SOURCE_DATE_EPOCH
RUN FLEETFORM_BUILD_COMMIT="${COMMIT}" scripts/release.sh "${VERSION}" --out /dist \
    && mkdir /out \
    && tar -xzf "/dist/fleetform-${VERSION#v}-linux-$(uname -m).tar.gz" -C /out --strip-components=1 \
    && /out/bin/fleetform --version

# `docker build --target archive --output dist …` exports the release archive and SHA256SUMS: the release
# built in this image at /src, the way anyone can rebuild it byte for byte (docs/releasing.md).
FROM scratch AS archive
COPY --from=build /dist/ /

FROM ${RUNTIME_IMAGE}
# ca-certificates: fleetform calls AWS over HTTPS; libxml2: Foundation's XMLParser (STS answers in XML) loads it
# (docs/releasing.md, "What the binaries need"). Not pinned to versions: a rebuilt image should take Debian's
# current security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libxml2 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin fleetform \
    && mkdir /work \
    && chown fleetform:fleetform /work
COPY --from=build /out/bin/ /usr/local/bin/
COPY --from=build /out/share/ /usr/local/share/
COPY --from=build /out/LICENSE /out/README.md /usr/local/share/doc/fleetform/
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["fleetform"]
CMD ["--help"]
