// ATOP's member × phase rows of the given alliances (what curated records of the same
// treaties are checked against and continued from), with the alliance's own dates.
// :param atopids => [3180]
// :param atop_source => 'atop-treaties'
MATCH (a:State)-[m:MEMBER_OF]->(t:Treaty)
WHERE t.atopid IN $atopids AND m.source = $atop_source
RETURN t.atopid AS atopid, t.start AS treaty_start, t.`end` AS treaty_end,
       t.defense AS treaty_defense, t.offense AS treaty_offense,
       t.neutrality AS treaty_neutrality, t.nonaggression AS treaty_nonaggression,
       t.consultation AS treaty_consultation, a.code AS code, m.start AS start,
       m.`end` AS `end`, m.defense AS defense, m.offense AS offense,
       m.neutrality AS neutrality, m.nonaggression AS nonaggression,
       m.consultation AS consultation
ORDER BY atopid, code, start
