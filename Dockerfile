# The `alliances` CLI with the bundled data; compose runs it as the ingest job.
FROM python:3.11-slim
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY alliance_graph alliance_graph
COPY ingest ingest
COPY queries queries
COPY analytics analytics
RUN pip install . && useradd --create-home alliances
USER alliances
ENTRYPOINT ["alliances"]
CMD ["ingest", "all"]
