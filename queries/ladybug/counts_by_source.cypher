// How many nodes and relationships each source holds now (SourceLoad records not counted).
// ladybug: no label predicates in WHERE; a node's one label is label(n).
MATCH (n)
WHERE n.source IS NOT NULL AND label(n) <> 'SourceLoad'
RETURN n.source AS source, 'nodes' AS kind, count(n) AS count
UNION ALL
MATCH ()-[r]->()
WHERE r.source IS NOT NULL
RETURN r.source AS source, 'relationships' AS kind, count(r) AS count
