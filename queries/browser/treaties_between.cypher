// The treaties and partnerships that tie two actors, year by year from $first to $last:
// both are members (member or hub) of the group in the year; in a hub-structured group
// (MNNA, Iran's axis…) only a hub–member pair is tied. Each side's own obligations are
// shown (a curated membership without its own: the treaty's), folded over the year's
// phases, so a one-sided guarantee reads as such; `signed` is the treaty's own start,
// `since` the year both had entered it (each side's first entry). Open memberships follow the same
// carry-forward rule as `state_treaties`. E.g. France and Poland in 1939.
// :param a => 'FRN'
// :param b => 'POL'
// :param first => 1939
// :param last => 1939
UNWIND range($first, $last) AS year
MATCH (x {code: $a})-[m1:MEMBER_OF]->(g)<-[m2:MEMBER_OF]-(y {code: $b})
WHERE m1.role IN ['member', 'hub'] AND m2.role IN ['member', 'hub']
  AND (g.structure = 'multilateral' OR m1.role = 'hub' OR m2.role = 'hub')
  AND m1.start <= year AND coalesce(m1.`end`, year) >= year
  AND m2.start <= year AND coalesce(m2.`end`, year) >= year
  AND (m1.`end` IS NOT NULL OR m1.observed_until >= year OR g.reviewed_until IS NULL)
  AND (m2.`end` IS NOT NULL OR m2.observed_until >= year OR g.reviewed_until IS NULL)
WITH year, g, x, y, g.defense IS NOT NULL AS treaty,
     max(CASE WHEN coalesce(m1.defense, g.defense) THEN 1 ELSE 0 END) AS a_defense,
     max(CASE WHEN coalesce(m1.offense, g.offense) THEN 1 ELSE 0 END) AS a_offense,
     max(CASE WHEN coalesce(m1.neutrality, g.neutrality) THEN 1 ELSE 0 END) AS a_neutrality,
     max(CASE WHEN coalesce(m1.nonaggression, g.nonaggression) THEN 1 ELSE 0 END)
       AS a_nonaggression,
     max(CASE WHEN coalesce(m1.consultation, g.consultation) THEN 1 ELSE 0 END)
       AS a_consultation,
     max(CASE WHEN coalesce(m2.defense, g.defense) THEN 1 ELSE 0 END) AS b_defense,
     max(CASE WHEN coalesce(m2.offense, g.offense) THEN 1 ELSE 0 END) AS b_offense,
     max(CASE WHEN coalesce(m2.neutrality, g.neutrality) THEN 1 ELSE 0 END) AS b_neutrality,
     max(CASE WHEN coalesce(m2.nonaggression, g.nonaggression) THEN 1 ELSE 0 END)
       AS b_nonaggression,
     max(CASE WHEN coalesce(m2.consultation, g.consultation) THEN 1 ELSE 0 END)
       AS b_consultation,
     max(CASE WHEN (m1.`end` IS NULL AND m1.observed_until < year)
                OR (m2.`end` IS NULL AND m2.observed_until < year) THEN 1 ELSE 0 END)
       AS carried
MATCH (x)-[e1:MEMBER_OF]->(g)
WHERE e1.role IN ['member', 'hub']
WITH year, g, y, treaty, a_defense, a_offense, a_neutrality, a_nonaggression, a_consultation,
     b_defense, b_offense, b_neutrality, b_nonaggression, b_consultation, carried, min(e1.start) AS a_since
MATCH (y)-[e2:MEMBER_OF]->(g)
WHERE e2.role IN ['member', 'hub']
WITH year, g, treaty, a_defense, a_offense, a_neutrality, a_nonaggression, a_consultation,
     b_defense, b_offense, b_neutrality, b_nonaggression, b_consultation, carried, a_since, min(e2.start) AS b_since
RETURN year, g.id AS group_id, g.alias AS alias, g.atopid AS atopid, g.name AS name,
       g.kind AS kind, treaty,
       CASE WHEN treaty THEN a_defense > 0 END AS a_defense,
       CASE WHEN treaty THEN a_offense > 0 END AS a_offense,
       CASE WHEN treaty THEN a_neutrality > 0 END AS a_neutrality,
       CASE WHEN treaty THEN a_nonaggression > 0 END AS a_nonaggression,
       CASE WHEN treaty THEN a_consultation > 0 END AS a_consultation,
       CASE WHEN treaty THEN b_defense > 0 END AS b_defense,
       CASE WHEN treaty THEN b_offense > 0 END AS b_offense,
       CASE WHEN treaty THEN b_neutrality > 0 END AS b_neutrality,
       CASE WHEN treaty THEN b_nonaggression > 0 END AS b_nonaggression,
       CASE WHEN treaty THEN b_consultation > 0 END AS b_consultation,
       g.start AS signed,
       CASE WHEN a_since > b_since THEN a_since ELSE b_since END AS since,
       carried > 0 AS carried
ORDER BY year, treaty DESC, name
