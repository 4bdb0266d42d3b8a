// Militarized disputes between two states, one relationship per dispute and pair.
// :param rows => [{a: 'USA', b: 'CAN', dispnum: 2968, start: 1979, end: 1979, observed_until: 2014, hostlev: 4, fatality: 0}]
// :param source => 'cow-mids'
UNWIND $rows AS row
MATCH (a:State {code: row.a})
MATCH (b:State {code: row.b})
CREATE (a)-[:DISPUTE_WITH {dispnum: toInteger(row.dispnum), start: toInteger(row.start),
  `end`: toInteger(row.`end`), observed_until: toInteger(row.observed_until),
  hostlev: toInteger(row.hostlev), fatality: toInteger(row.fatality), source: $source}]->(b)
