// The top actors by any metric written back with `--write` (`alliances centrality
// --write`: degree, strength, betweenness, closeness, eigenvector, pagerank; `alliances
// brokers --write`: brokerage, liaison, liaison_z, gatekeeper, gatekeeper_z,
// representative_z, itinerant, itinerant_z, constraint, effective_size) for one year and network: rank 1 first. The network is written as
// source:ties, e.g. 'all:defense' or 'all:defense+partnership'. No rows: that metric was
// not written for this year and network.
// :param metric => 'betweenness'
// :param year => 2024
// :param network => 'all:defense'
// :param top => 15
MATCH (a)-[s:SCORED {year: $year, network: $network}]->(m:Metric {id: $metric})
RETURN s.rank AS rank, a.code AS code, a.name AS name, s.value AS value,
       m.definition AS definition
ORDER BY rank, code
LIMIT $top
