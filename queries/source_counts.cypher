// How many nodes and relationships one source wrote.
// :param source => 'atop'
MATCH (n)
WHERE n.source = $source
RETURN 'nodes' AS kind, count(n) AS count
UNION ALL
MATCH ()-[r]->()
WHERE r.source = $source
RETURN 'relationships' AS kind, count(r) AS count
