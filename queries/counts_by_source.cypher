// How many nodes and relationships each source holds now (SourceLoad records not counted):
// what `status` shows, so its counts are the store's even after another source's load
// removed ties that depended on this one.
MATCH (n)
WHERE n.source IS NOT NULL AND NOT n:SourceLoad
RETURN n.source AS source, 'nodes' AS kind, count(n) AS count
UNION ALL
MATCH ()-[r]->()
WHERE r.source IS NOT NULL
RETURN r.source AS source, 'relationships' AS kind, count(r) AS count
