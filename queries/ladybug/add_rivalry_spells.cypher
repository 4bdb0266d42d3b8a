// Rivalry spells between two actors (states or non-state actors), stored once per pair.
// ladybug cannot create a relationship between nodes bound to two labels, so one
// statement per pair of labels.
// :param rows => [{a: 'ARM', b: 'AZE', start: 1991, end: null, observed_until: 2020, kind: ['spatial'], name: 'Armenia-Azerbaijan', rivalry_id: 'tss-199', principal: true, source_ref: null, url: null, note: null}]
// :param source => 'tss-rivalries'
UNWIND $rows AS row
MATCH (a:State {code: row.a})
MATCH (b:State {code: row.b})
CREATE (a)-[:RIVAL_OF {start: toInteger(row.start), `end`: toInteger(row.`end`),
  observed_until: toInteger(row.observed_until), kind: row.kind, name: row.name,
  rivalry_id: row.rivalry_id, principal: toBoolean(row.principal),
  source_ref: row.source_ref, url: row.url, note: row.note, source: $source}]->(b);
UNWIND $rows AS row
MATCH (a:State {code: row.a})
MATCH (b:NonStateActor {code: row.b})
CREATE (a)-[:RIVAL_OF {start: toInteger(row.start), `end`: toInteger(row.`end`),
  observed_until: toInteger(row.observed_until), kind: row.kind, name: row.name,
  rivalry_id: row.rivalry_id, principal: toBoolean(row.principal),
  source_ref: row.source_ref, url: row.url, note: row.note, source: $source}]->(b);
UNWIND $rows AS row
MATCH (a:NonStateActor {code: row.a})
MATCH (b:State {code: row.b})
CREATE (a)-[:RIVAL_OF {start: toInteger(row.start), `end`: toInteger(row.`end`),
  observed_until: toInteger(row.observed_until), kind: row.kind, name: row.name,
  rivalry_id: row.rivalry_id, principal: toBoolean(row.principal),
  source_ref: row.source_ref, url: row.url, note: row.note, source: $source}]->(b);
UNWIND $rows AS row
MATCH (a:NonStateActor {code: row.a})
MATCH (b:NonStateActor {code: row.b})
CREATE (a)-[:RIVAL_OF {start: toInteger(row.start), `end`: toInteger(row.`end`),
  observed_until: toInteger(row.observed_until), kind: row.kind, name: row.name,
  rivalry_id: row.rivalry_id, principal: toBoolean(row.principal),
  source_ref: row.source_ref, url: row.url, note: row.note, source: $source}]->(b)
