// Link states to a status for the spells they held it (end null = still held).
// :param rows => [{code: 'USA', start: 1816, end: null, observed_until: 2016}]
// :param status => 'cow-system-member'
// :param source => 'cow-states'
MATCH (st:Status {id: $status})
UNWIND $rows AS row
MATCH (s:State {code: row.code})
CREATE (s)-[:HAS_STATUS {start: toInteger(row.start), `end`: toInteger(row.`end`),
  observed_until: toInteger(row.observed_until), source: $source}]->(st)
