// Alliance spells between two states (one relationship per unordered pair and spell),
// with the ATOP alliances behind each spell.
// :param rows => [{a: 'USA', b: 'CAN', start: 1949, end: null, observed_until: 2018, defense: true, offense: false, neutrality: false, nonaggression: true, consultation: true, tie: 'defense pact', atopids: [3180, 3740]}]
// :param source => 'atop'
UNWIND $rows AS row
MATCH (a:State {code: row.a})
MATCH (b:State {code: row.b})
CREATE (a)-[:ALLIED_WITH {start: row.start, `end`: toInteger(row.`end`),
  observed_until: row.observed_until, defense: row.defense, offense: row.offense,
  neutrality: row.neutrality, nonaggression: row.nonaggression,
  consultation: row.consultation, tie: row.tie, atopids: row.atopids, source: $source}]->(b)
