// Link each state to its capability record of a year.
// :param rows => [{code: 'USA', id: 'USA-2018', year: 2018}]
// :param source => 'cow-nmc'
UNWIND $rows AS row
MATCH (s:State {code: row.code})
MATCH (c:Capability {id: row.id})
CREATE (s)-[:HAS_CAPABILITY {start: toInteger(row.year), `end`: toInteger(row.year),
  source: $source}]->(c)
