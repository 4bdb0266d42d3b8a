// Alliance portfolios: one row per actor in $codes ([] = every actor), year from $first
// to $last and treaty or partnership it belongs to (role member or hub), with the actor's
// own obligations (ATOP codes them per member, so an asymmetric treaty shows what this
// member promised; a curated membership without its own takes the treaty's) and the
// group's size that year. Phases and sources of the year are folded into one row: an
// obligation holds if any of the actor's rows of the year holds it. `signed` is the
// treaty's own start (its signature year), `since` the actor's entry (the signature of its
// accession, as ATOP dates it), `in_force_date` the day that took effect where known, and
// `review_from` the first year of the curated review continuing an ATOP alliance. A
// membership still open when its data ended (ATOP: 2018) is carried forward (`carried`)
// unless a curated review of its treaty continues it; then the curated continuation row
// stands for it. Give $first = $last for one year.
// :param codes => ['TUR']
// :param first => 2018
// :param last => 2018
UNWIND range($first, $last) AS year
MATCH (s)-[m:MEMBER_OF]->(g)
WHERE (size($codes) = 0 OR s.code IN $codes)
  AND m.role IN ['member', 'hub'] AND m.start <= year AND coalesce(m.`end`, year) >= year
  AND (m.`end` IS NOT NULL OR m.observed_until >= year OR g.reviewed_until IS NULL)
WITH year, s, g, collect(DISTINCT m.role) AS roles, collect(DISTINCT m.phase) AS phases,
     collect(DISTINCT m.source) AS sources,
     max(CASE WHEN coalesce(m.defense, g.defense) THEN 1 ELSE 0 END) AS defense,
     max(CASE WHEN coalesce(m.offense, g.offense) THEN 1 ELSE 0 END) AS offense,
     max(CASE WHEN coalesce(m.neutrality, g.neutrality) THEN 1 ELSE 0 END) AS neutrality,
     max(CASE WHEN coalesce(m.nonaggression, g.nonaggression) THEN 1 ELSE 0 END)
       AS nonaggression,
     max(CASE WHEN coalesce(m.consultation, g.consultation) THEN 1 ELSE 0 END)
       AS consultation,
     count(m) - count(m.`end`) AS open, max(m.`end`) AS last_end,
     max(CASE WHEN m.`end` IS NULL AND m.observed_until < year THEN 1 ELSE 0 END) AS carried
MATCH (g)<-[o:MEMBER_OF]-(other)
WHERE o.role IN ['member', 'hub'] AND o.start <= year AND coalesce(o.`end`, year) >= year
  AND (o.`end` IS NOT NULL OR o.observed_until >= year OR g.reviewed_until IS NULL)
WITH year, s, g, roles, phases, sources, defense, offense, neutrality, nonaggression,
     consultation, open, last_end, carried, count(DISTINCT other) AS members
MATCH (s)-[e:MEMBER_OF]->(g)
WHERE e.role IN ['member', 'hub']
WITH year, s, g, roles, phases, sources, defense, offense, neutrality, nonaggression,
     consultation, open, last_end, carried, members, min(e.start) AS since,
     min(e.start_date) AS since_date, max(e.in_force_date) AS in_force_date
WITH year, s, g, roles, phases, sources, open, last_end, carried, members, since,
     since_date, in_force_date, g.defense IS NOT NULL AS treaty, defense, offense,
     neutrality, nonaggression, consultation
RETURN year, s.code AS code, g.id AS group_id, g.alias AS alias, g.atopid AS atopid,
       g.name AS name, coalesce(g.short_name, g.name) AS short_name,
       g.kind AS kind, treaty, roles AS role, phases AS phase,
       CASE WHEN treaty THEN defense > 0 END AS defense,
       CASE WHEN treaty THEN offense > 0 END AS offense,
       CASE WHEN treaty THEN neutrality > 0 END AS neutrality,
       CASE WHEN treaty THEN nonaggression > 0 END AS nonaggression,
       CASE WHEN treaty THEN consultation > 0 END AS consultation,
       g.start AS signed, since, since_date, in_force_date,
       CASE WHEN g.atopid IS NOT NULL AND g.reviewed_until IS NOT NULL
            THEN g.observed_until + 1 END AS review_from,
       CASE WHEN open > 0 THEN null ELSE last_end END AS until, members,
       carried > 0 AS carried, sources AS source
ORDER BY year, code, treaty DESC, name
