// A treaty's (or partnership's) members over time: every membership spell with its dates
// (day precision where the source gives it; `start_date` the signature, `in_force_date`
// the day it took effect), ATOP phase, role and the member's own obligations, oldest
// first (`treaty_members_in_year` lists a year's members once each). $group_id is the node id (e.g. 'ATOP-3180') or the curated
// alias ('NATO'). Rows from `atop-treaties` are ATOP's record (to 2018); rows from
// `curated` continue it after 2018 or add members ATOP does not have.
// :param group_id => 'NATO'
MATCH (a)-[m:MEMBER_OF]->(g:Treaty|Partnership)
WHERE g.id = $group_id OR g.alias = $group_id
RETURN g.id AS group_id, g.name AS name, a.code AS code, a.name AS member, m.role AS role,
       m.phase AS phase, m.start AS start, m.`end` AS `end`, m.start_date AS start_date,
       m.in_force_date AS in_force_date, m.end_date AS end_date, m.observed_until AS observed_until,
       m.defense AS defense, m.offense AS offense, m.neutrality AS neutrality,
       m.nonaggression AS nonaggression, m.consultation AS consultation,
       m.source AS source
ORDER BY start, member, source
