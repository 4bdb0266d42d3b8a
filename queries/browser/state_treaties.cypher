// Alliance portfolios: one row per actor in $codes ([] = every actor), year from $first
// to $last and treaty or partnership it belongs to (role member or hub), with the actor's
// own obligations (ATOP codes them per member, so an asymmetric treaty shows what this
// member promised) and the group's size that year. A membership still open when its
// data ended (ATOP: 2018) is carried forward (`carried`) unless a curated review of its
// treaty continues it; then the curated continuation row stands for it. Give
// $first = $last for one year.
// :param codes => ['TUR']
// :param first => 2018
// :param last => 2018
UNWIND range($first, $last) AS year
MATCH (s)-[m:MEMBER_OF]->(g)
WHERE (size($codes) = 0 OR s.code IN $codes)
  AND m.role IN ['member', 'hub'] AND m.start <= year AND coalesce(m.`end`, year) >= year
  AND (m.`end` IS NOT NULL OR m.observed_until >= year OR g.reviewed_until IS NULL)
WITH year, s, m, g
MATCH (g)<-[o:MEMBER_OF]-(other)
WHERE o.role IN ['member', 'hub'] AND o.start <= year AND coalesce(o.`end`, year) >= year
  AND (o.`end` IS NOT NULL OR o.observed_until >= year OR g.reviewed_until IS NULL)
WITH year, s, m, g, count(DISTINCT other) AS members
RETURN year, s.code AS code, g.id AS group_id, g.alias AS alias, g.atopid AS atopid,
       g.name AS name, coalesce(g.short_name, g.name) AS short_name,
       g.kind AS kind, g.defense IS NOT NULL AS treaty, m.role AS role, m.phase AS phase,
       m.defense AS defense, m.offense AS offense, m.neutrality AS neutrality,
       m.nonaggression AS nonaggression, m.consultation AS consultation,
       m.start AS since, m.start_date AS since_date, m.`end` AS until, members,
       m.`end` IS NULL AND m.observed_until < year AS carried, m.source AS source
ORDER BY year, code, treaty DESC, name
