// Pairs of actors who are members of the same treaty or partnership at some time in a
// range of years, where the group carries a requested tie type: a treaty's obligations,
// or a partnership whose kind is in $kinds (the kinds of the requested layers, alignment
// and/or organization, from schema.GROUP_KINDS). In a hub-structured group only
// hub-member pairs count (several hubs, e.g. the EU's states facing Central Asia, are
// not tied to each other). The tie holds while both memberships hold (the caller
// intersects the spells).
// :param first => 1816
// :param last => 2025
// :param sources => ['curated']
// :param roles => ['member', 'hub']
// :param ties => ['defense', 'consultation']
// :param kinds => ['quasi_alliance', 'security_grouping']
MATCH (a)-[m1:MEMBER_OF]->(g)<-[m2:MEMBER_OF]-(b)
WHERE a.code < b.code
  AND m1.source IN $sources AND m2.source IN $sources
  AND m1.role IN $roles AND m2.role IN $roles
  AND (g.structure = 'multilateral' OR m1.role <> m2.role)
  AND m1.start <= $last AND coalesce(m1.`end`, $last) >= $first
  AND m2.start <= $last AND coalesce(m2.`end`, $last) >= $first
  AND (g.kind IN $kinds
       OR ('defense' IN $ties AND g.defense) OR ('offense' IN $ties AND g.offense)
       OR ('neutrality' IN $ties AND g.neutrality)
       OR ('nonaggression' IN $ties AND g.nonaggression)
       OR ('consultation' IN $ties AND g.consultation))
RETURN a.code AS a, b.code AS b, g.id AS group_id, g.kind AS kind,
       g.defense AS defense, g.offense AS offense, g.neutrality AS neutrality,
       g.nonaggression AS nonaggression, g.consultation AS consultation,
       m1.start AS start_a, m1.`end` AS end_a, m2.start AS start_b, m2.`end` AS end_b,
       m1.observed_until AS observed_until, g.`end` AS group_end
