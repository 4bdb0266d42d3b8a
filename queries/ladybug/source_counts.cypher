// How many nodes and relationships one source wrote (its SourceLoad record not counted).
// ladybug: no label predicates in WHERE; a node's one label is label(n).
// :param source => 'atop'
MATCH (n)
WHERE n.source = $source AND label(n) <> 'SourceLoad'
RETURN 'nodes' AS kind, count(n) AS count
UNION ALL
MATCH ()-[r]->()
WHERE r.source = $source
RETURN 'relationships' AS kind, count(r) AS count
