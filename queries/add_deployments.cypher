// Foreign military presence of one state in another (curated).
// :param rows => [{deployer: 'USA', host: 'JPN', start: 1952, end: null, observed_until: 2025, troops: 50000, presence: 'permanent', as_of: 2025, source_ref: 'Seed article 000', url: null, note: null}]
// :param source => 'curated'
UNWIND $rows AS row
MATCH (a:State {code: row.deployer})
MATCH (b:State {code: row.host})
CREATE (a)-[:DEPLOYS_TROOPS {start: toInteger(row.start), `end`: toInteger(row.`end`),
  observed_until: toInteger(row.observed_until), troops: toInteger(row.troops),
  presence: row.presence, as_of: toInteger(row.as_of), source_ref: row.source_ref,
  url: row.url, note: row.note, source: $source}]->(b)
