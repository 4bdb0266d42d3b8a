// A state's partners in a year: one row per tie in force in $year, non-state actors
// included. `via` is the treaty or partnership the two share (its curated id, or
// 'ATOP-<atopid>' for an ATOP alliance; both 'member' or 'hub'; in a
// hub-structured group such as MNNA only hub-member pairs count) or 'ATOP' for a dyadic
// ATOP alliance spell; the obligation columns say what the treaty or ATOP spell commits
// to (null for a partnership); `since`/`until` bound the tie (until null = in force), and
// `carried` marks a spell still open when its data ended and carried forward to $year
// (ATOP stops in 2018). An ATOP row of a treaty a curated record reviewed ends in 2018, the
// curated continuation taking over. Treaty ties come first, then ATOP spells.
// :param code => 'TUR'
// :param year => 2024
MATCH (s:State {code: $code})-[m1:MEMBER_OF]->(g)
WHERE m1.role IN ['member', 'hub'] AND m1.start <= $year
  AND coalesce(m1.`end`, CASE WHEN g.reviewed_until > m1.observed_until
                              THEN m1.observed_until ELSE $year END) >= $year
WITH s, m1, g
MATCH (g)<-[m2:MEMBER_OF]-(p)
WHERE p.code <> s.code AND m2.role IN ['member', 'hub'] AND m2.start <= $year
  AND coalesce(m2.`end`, CASE WHEN g.reviewed_until > m2.observed_until
                              THEN m2.observed_until ELSE $year END) >= $year
  AND (g.structure = 'multilateral' OR m1.role = 'hub' OR m2.role = 'hub')
RETURN p.code AS partner, p.name AS name, coalesce(g.alias, g.id) AS via, g.name AS tie,
       g.kind AS kind,
       g.defense AS defense, g.offense AS offense, g.neutrality AS neutrality,
       g.nonaggression AS nonaggression, g.consultation AS consultation,
       CASE WHEN m1.start > m2.start THEN m1.start ELSE m2.start END AS since,
       CASE WHEN m1.`end` IS NULL THEN m2.`end`
            WHEN m2.`end` IS NULL OR m1.`end` < m2.`end` THEN m1.`end`
            ELSE m2.`end` END AS until,
       (m1.`end` IS NULL AND m1.observed_until < $year)
         OR (m2.`end` IS NULL AND m2.observed_until < $year) AS carried,
       m2.source AS source
ORDER BY name, tie
UNION ALL
MATCH (s:State {code: $code})-[r:ALLIED_WITH]-(p:State)
WHERE r.start <= $year AND coalesce(r.`end`, $year) >= $year
RETURN p.code AS partner, p.name AS name, 'ATOP' AS via, 'ATOP alliance spell' AS tie,
       'dyadic_alliance' AS kind,
       r.defense AS defense, r.offense AS offense, r.neutrality AS neutrality,
       r.nonaggression AS nonaggression, r.consultation AS consultation,
       r.start AS since, r.`end` AS until,
       r.`end` IS NULL AND r.observed_until < $year AS carried, r.source AS source
ORDER BY name, since
