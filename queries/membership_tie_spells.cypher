// Pairs of actors who are members of the same treaty or partnership at some time in a
// range of years, where the pair carries a requested tie type: for a treaty, a member's
// own obligations (the treaty's where the membership has none), either member's counting
// (as ATOP combines both directions of a dyad); 'partnership' for a partnership. In a
// hub-structured group only hub-member pairs count. The tie holds while both memberships
// hold (the caller intersects the spells). `group_id` is the node id, `via` its alias or id.
// :param first => 1816
// :param last => 2025
// :param sources => ['curated']
// :param roles => ['member', 'hub']
// :param ties => ['defense', 'partnership']
MATCH (a)-[m1:MEMBER_OF]->(g)<-[m2:MEMBER_OF]-(b)
WHERE a.code < b.code
  AND m1.source IN $sources AND m2.source IN $sources
  AND m1.role IN $roles AND m2.role IN $roles
  AND (g.structure = 'multilateral' OR m1.role = 'hub' OR m2.role = 'hub')
  AND m1.start <= $last AND coalesce(m1.`end`, $last) >= $first
  AND m2.start <= $last AND coalesce(m2.`end`, $last) >= $first
WITH a, b, g, m1, m2,
     coalesce(m1.defense, g.defense) OR coalesce(m2.defense, g.defense) AS defense,
     coalesce(m1.offense, g.offense) OR coalesce(m2.offense, g.offense) AS offense,
     coalesce(m1.neutrality, g.neutrality) OR coalesce(m2.neutrality, g.neutrality) AS neutrality,
     coalesce(m1.nonaggression, g.nonaggression)
       OR coalesce(m2.nonaggression, g.nonaggression) AS nonaggression,
     coalesce(m1.consultation, g.consultation)
       OR coalesce(m2.consultation, g.consultation) AS consultation
WHERE ('partnership' IN $ties AND g.defense IS NULL)
   OR ('defense' IN $ties AND defense) OR ('offense' IN $ties AND offense)
   OR ('neutrality' IN $ties AND neutrality) OR ('nonaggression' IN $ties AND nonaggression)
   OR ('consultation' IN $ties AND consultation)
RETURN a.code AS a, b.code AS b, g.id AS group_id, coalesce(g.alias, g.id) AS via,
       defense, offense, neutrality, nonaggression, consultation,
       m1.start AS start_a, m1.`end` AS end_a, m2.start AS start_b, m2.`end` AS end_b,
       m1.observed_until AS observed_until, g.`end` AS group_end
