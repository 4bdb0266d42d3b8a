// Every source the store holds, as its last load recorded it.
MATCH (l:SourceLoad)
RETURN l.source AS source, l.name AS name, l.version AS version, l.file AS file, l.rows_read AS rows_read,
       l.nodes AS nodes, l.relationships AS relationships, l.loaded_at AS loaded_at,
       l.seconds AS seconds
ORDER BY loaded_at, source
