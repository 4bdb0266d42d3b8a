// ATOP member × phase rows: a state's membership in an alliance with its own dates and
// obligations. Values arrive typed; only `end`, which may be null throughout a batch, is
// converted (per-row conversions are what makes a write slow on ladybug).
// :param rows => [{actor: 'TUR', group_id: 'ATOP-3180', role: 'member', start: 1951, end: null, observed_until: 2018, start_date: '1951-10-22', end_date: null, phase: 2, defense: true, offense: false, neutrality: false, nonaggression: true, consultation: true, system_member: true}]
// :param source => 'atop-treaties'
UNWIND $rows AS row
MATCH (a:State {code: row.actor})
MATCH (g:Treaty {id: row.group_id})
CREATE (a)-[:MEMBER_OF {role: row.role, start: row.start, `end`: toInteger(row.`end`),
  observed_until: row.observed_until, start_date: row.start_date, end_date: row.end_date,
  phase: row.phase, defense: row.defense, offense: row.offense,
  neutrality: row.neutrality, nonaggression: row.nonaggression,
  consultation: row.consultation, system_member: row.system_member, source: $source}]->(g)
