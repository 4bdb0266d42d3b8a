// Node count per label and relationship count per type.
// ladybug: a node has exactly one label, read with label() (no labels()/type()).
MATCH (n)
RETURN label(n) AS element, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN label(r) AS element, count(*) AS count
