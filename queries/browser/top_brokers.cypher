// Top brokers of a year and network as written back by `alliances brokers --write`: the
// $top actors by between-group brokerage (the count it is ranked by, betweenness breaking
// ties), with the Gould-Fernandez liaison, gatekeeper and representative z-scores
// (above 0 = brokers more than chance predicts)
// and Burt's structural holes (constraint: low = spans holes; effective size: high =
// many non-redundant contacts). Rank 1 = strongest broker. No rows: nothing was written
// for this year and network yet.
// :param year => 2024
// :param network => 'all:defense'
// :param top => 15
MATCH (a)-[s:SCORED {year: $year, network: $network}]->(:Metric {id: 'brokerage'})
WITH a, s
ORDER BY s.rank, a.code
LIMIT $top
OPTIONAL MATCH (a)-[l:SCORED {year: $year, network: $network}]->(:Metric {id: 'liaison_z'})
WITH a, s, l
OPTIONAL MATCH (a)-[g:SCORED {year: $year, network: $network}]->(:Metric {id: 'gatekeeper_z'})
WITH a, s, l, g
OPTIONAL MATCH (a)-[r:SCORED {year: $year, network: $network}]->(:Metric {id: 'representative_z'})
WITH a, s, l, g, r
OPTIONAL MATCH (a)-[c:SCORED {year: $year, network: $network}]->(:Metric {id: 'constraint'})
WITH a, s, l, g, r, c
OPTIONAL MATCH (a)-[e:SCORED {year: $year, network: $network}]->(:Metric {id: 'effective_size'})
RETURN s.rank AS rank, a.code AS code, a.name AS name, s.value AS brokerage,
       l.value AS liaison_z, g.value AS gatekeeper_z, r.value AS representative_z,
       c.value AS `constraint`, e.value AS effective_size
ORDER BY rank
