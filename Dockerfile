# Wenku in one container on the embedded default: SQLite, local files and the filesystem
# queue under /data, web server and worker together (`wenku run`), demo documents on first
# start. Written for operators who want it; not built by CI (no Docker engine there).
#
#   docker build -t wenku .
#   docker run -p 8000:8000 -v wenku-data:/data wenku        # http://localhost:8000
#
# Behind a public name add -e WENKU_ALLOWED_HOSTS=… -e WENKU_CSRF_TRUSTED_ORIGINS=https://…
# (and for production the settings in docs/deploy.md). Back up the /data volume.
FROM debian:12-slim

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    WENKU_DATA_DIR=/data \
    WENKU_SETUP_EXTRAS=

WORKDIR /opt/wenku
COPY pyproject.toml README.md ./
COPY scripts ./scripts
COPY wenku ./wenku
RUN bash scripts/setup.sh && rm -rf /var/lib/apt/lists/* /root/.cache

VOLUME /data
EXPOSE 8000
CMD [".venv/bin/wenku", "run", "--host", "0.0.0.0", "--port", "8000"]
