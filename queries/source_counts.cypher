// How many nodes and relationships one source wrote (its SourceLoad record not counted).
// :param source => 'atop'
MATCH (n)
WHERE n.source = $source AND NOT n:SourceLoad
RETURN 'nodes' AS kind, count(n) AS count
UNION ALL
MATCH ()-[r]->()
WHERE r.source = $source
RETURN 'relationships' AS kind, count(r) AS count
