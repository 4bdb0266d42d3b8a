// Link each state to its capability record of a year (year arrives as an integer).
// :param rows => [{code: 'USA', id: 'USA-2018', year: 2018}]
// :param source => 'cow-nmc'
UNWIND $rows AS row
MATCH (s:State {code: row.code})
MATCH (c:Capability {id: row.id})
CREATE (s)-[:HAS_CAPABILITY {start: row.year, `end`: row.year,
  source: $source}]->(c)
