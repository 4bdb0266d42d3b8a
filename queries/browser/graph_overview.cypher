// What the graph holds: the number of nodes of each label and relationships of each
// type (`kind` says which). Run it first: empty Bloc/Metric rows mean no analytics were
// written back yet (`alliances blocs --write`, `alliances centrality --write`).
MATCH (n:State) RETURN 'node' AS kind, 'State' AS element, count(n) AS count
UNION ALL MATCH (n:NonStateActor) RETURN 'node' AS kind, 'NonStateActor' AS element, count(n) AS count
UNION ALL MATCH (n:Treaty) RETURN 'node' AS kind, 'Treaty' AS element, count(n) AS count
UNION ALL MATCH (n:Partnership) RETURN 'node' AS kind, 'Partnership' AS element, count(n) AS count
UNION ALL MATCH (n:Status) RETURN 'node' AS kind, 'Status' AS element, count(n) AS count
UNION ALL MATCH (n:Capability) RETURN 'node' AS kind, 'Capability' AS element, count(n) AS count
UNION ALL MATCH (n:Metric) RETURN 'node' AS kind, 'Metric' AS element, count(n) AS count
UNION ALL MATCH (n:Bloc) RETURN 'node' AS kind, 'Bloc' AS element, count(n) AS count
UNION ALL MATCH ()-[r:HAS_STATUS]->() RETURN 'relationship' AS kind, 'HAS_STATUS' AS element, count(r) AS count
UNION ALL MATCH ()-[r:ALLIED_WITH]->() RETURN 'relationship' AS kind, 'ALLIED_WITH' AS element, count(r) AS count
UNION ALL MATCH ()-[r:MEMBER_OF]->() RETURN 'relationship' AS kind, 'MEMBER_OF' AS element, count(r) AS count
UNION ALL MATCH ()-[r:RIVAL_OF]->() RETURN 'relationship' AS kind, 'RIVAL_OF' AS element, count(r) AS count
UNION ALL MATCH ()-[r:DISPUTE_WITH]->() RETURN 'relationship' AS kind, 'DISPUTE_WITH' AS element, count(r) AS count
UNION ALL MATCH ()-[r:HAS_CAPABILITY]->() RETURN 'relationship' AS kind, 'HAS_CAPABILITY' AS element, count(r) AS count
UNION ALL MATCH ()-[r:DEPLOYS_TROOPS]->() RETURN 'relationship' AS kind, 'DEPLOYS_TROOPS' AS element, count(r) AS count
UNION ALL MATCH ()-[r:SCORED]->() RETURN 'relationship' AS kind, 'SCORED' AS element, count(r) AS count
UNION ALL MATCH ()-[r:IN_BLOC]->() RETURN 'relationship' AS kind, 'IN_BLOC' AS element, count(r) AS count
