// Node count per label and relationship count per type.
MATCH (n)
UNWIND labels(n) AS element
RETURN element, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN type(r) AS element, count(*) AS count
