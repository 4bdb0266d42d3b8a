// Store the blocs of one year and network (`alliances blocs --write`). A bloc of one
// actor has no internal density.
// :param rows => [{id: '2018|atop:defense:leiden|0', name: 'United States of America bloc', size: 29, density: 1.0, modularity: 0.67}]
// :param year => 2018
// :param network => 'atop:defense:leiden'
// :param source => 'alliance-graph'
UNWIND $rows AS row
CREATE (:Bloc {id: row.id, name: row.name, label: row.name, year: $year,
  network: $network, size: row.size,
  density: CASE WHEN row.size > 1 THEN row.density ELSE null END,
  modularity: row.modularity, source: $source})
