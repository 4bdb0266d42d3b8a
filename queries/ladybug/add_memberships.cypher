// Membership spells of actors (states or non-state actors) in treaties or partnerships,
// with the member's own obligations where known (null: the group's).
// ladybug cannot create a relationship between nodes bound to two labels, so one
// statement per pair of labels.
// :param rows => [{actor: 'FIN', group_id: 'NATO', role: 'member', start: 2022, end: null, observed_until: 2025, start_date: '2022-07-05', in_force_date: '2023-04-04', end_date: null, source_ref: 'NATO member countries', url: null, note: null, phase: null, defense: true, offense: false, neutrality: false, nonaggression: false, consultation: true, system_member: null}]
// :param source => 'curated'
UNWIND $rows AS row
MATCH (a:State {code: row.actor})
MATCH (g:Treaty {id: row.group_id})
CREATE (a)-[:MEMBER_OF {role: row.role, start: toInteger(row.start),
  `end`: toInteger(row.`end`), observed_until: toInteger(row.observed_until),
  start_date: row.start_date, in_force_date: row.in_force_date, end_date: row.end_date, source_ref: row.source_ref,
  url: row.url, note: row.note, phase: toInteger(row.phase),
  defense: toBoolean(row.defense), offense: toBoolean(row.offense),
  neutrality: toBoolean(row.neutrality), nonaggression: toBoolean(row.nonaggression),
  consultation: toBoolean(row.consultation), system_member: toBoolean(row.system_member),
  source: $source}]->(g);
UNWIND $rows AS row
MATCH (a:State {code: row.actor})
MATCH (g:Partnership {id: row.group_id})
CREATE (a)-[:MEMBER_OF {role: row.role, start: toInteger(row.start),
  `end`: toInteger(row.`end`), observed_until: toInteger(row.observed_until),
  start_date: row.start_date, in_force_date: row.in_force_date, end_date: row.end_date, source_ref: row.source_ref,
  url: row.url, note: row.note, phase: toInteger(row.phase),
  defense: toBoolean(row.defense), offense: toBoolean(row.offense),
  neutrality: toBoolean(row.neutrality), nonaggression: toBoolean(row.nonaggression),
  consultation: toBoolean(row.consultation), system_member: toBoolean(row.system_member),
  source: $source}]->(g);
UNWIND $rows AS row
MATCH (a:NonStateActor {code: row.actor})
MATCH (g:Treaty {id: row.group_id})
CREATE (a)-[:MEMBER_OF {role: row.role, start: toInteger(row.start),
  `end`: toInteger(row.`end`), observed_until: toInteger(row.observed_until),
  start_date: row.start_date, in_force_date: row.in_force_date, end_date: row.end_date, source_ref: row.source_ref,
  url: row.url, note: row.note, phase: toInteger(row.phase),
  defense: toBoolean(row.defense), offense: toBoolean(row.offense),
  neutrality: toBoolean(row.neutrality), nonaggression: toBoolean(row.nonaggression),
  consultation: toBoolean(row.consultation), system_member: toBoolean(row.system_member),
  source: $source}]->(g);
UNWIND $rows AS row
MATCH (a:NonStateActor {code: row.actor})
MATCH (g:Partnership {id: row.group_id})
CREATE (a)-[:MEMBER_OF {role: row.role, start: toInteger(row.start),
  `end`: toInteger(row.`end`), observed_until: toInteger(row.observed_until),
  start_date: row.start_date, in_force_date: row.in_force_date, end_date: row.end_date, source_ref: row.source_ref,
  url: row.url, note: row.note, phase: toInteger(row.phase),
  defense: toBoolean(row.defense), offense: toBoolean(row.offense),
  neutrality: toBoolean(row.neutrality), nonaggression: toBoolean(row.nonaggression),
  consultation: toBoolean(row.consultation), system_member: toBoolean(row.system_member),
  source: $source}]->(g)
