// Link actors to their bloc of one year and network (`alliances blocs --write`).
// ladybug cannot create a relationship from a node bound to two labels, so states and
// non-state actors are linked by separate statements.
// :param rows => [{code: 'USA', bloc: '2018|atop:defense:leiden|0'}]
// :param year => 2018
// :param network => 'atop:defense:leiden'
// :param source => 'alliance-graph'
UNWIND $rows AS row
MATCH (a:State {code: row.code})
MATCH (b:Bloc {id: row.bloc})
CREATE (a)-[:IN_BLOC {year: $year, network: $network, start: $year, `end`: $year,
  source: $source}]->(b);
UNWIND $rows AS row
MATCH (a:NonStateActor {code: row.code})
MATCH (b:Bloc {id: row.bloc})
CREATE (a)-[:IN_BLOC {year: $year, network: $network, start: $year, `end`: $year,
  source: $source}]->(b)
