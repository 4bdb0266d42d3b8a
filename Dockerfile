# The `alliances` CLI with the bundled data; compose runs it as the ingest job.
FROM python:3.11-slim
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY alliance_graph alliance_graph
COPY ingest ingest
COPY queries queries
COPY analytics analytics
# a numeric user id, so hosts and Kubernetes' runAsNonRoot can tell it is not root
RUN pip install . && useradd --create-home --uid 10001 alliances
USER 10001
ENTRYPOINT ["alliances"]
CMD ["ingest", "all"]
