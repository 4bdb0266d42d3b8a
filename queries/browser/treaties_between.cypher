// The treaties and partnerships that tie two actors, year by year from $first to $last:
// both are members (member or hub) of the group in the year; in a hub-structured group
// (MNNA, Iran's axis…) only a hub–member pair is tied. Each side's own obligations are
// shown, so a one-sided guarantee reads as such. Open memberships follow the same
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
RETURN year, g.id AS group_id, g.alias AS alias, g.atopid AS atopid, g.name AS name,
       g.kind AS kind, g.defense IS NOT NULL AS treaty,
       m1.defense AS a_defense, m1.offense AS a_offense, m1.neutrality AS a_neutrality,
       m1.nonaggression AS a_nonaggression, m1.consultation AS a_consultation,
       m2.defense AS b_defense, m2.offense AS b_offense, m2.neutrality AS b_neutrality,
       m2.nonaggression AS b_nonaggression, m2.consultation AS b_consultation,
       CASE WHEN m1.start > m2.start THEN m1.start ELSE m2.start END AS since,
       (m1.`end` IS NULL AND m1.observed_until < year)
         OR (m2.`end` IS NULL AND m2.observed_until < year) AS carried
ORDER BY year, treaty DESC, name
