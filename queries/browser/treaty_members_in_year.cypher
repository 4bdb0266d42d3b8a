// A treaty's (or partnership's) members in $year, each once: its phases and sources of
// the year folded into one row, an obligation holding if any of the member's rows holds
// it (a curated membership without its own obligations takes the treaty's). `joined` is
// the member's entry — the signature of the treaty or of its accession instrument (NATO:
// the accession protocol), as ATOP dates members — with `signed_date`, and
// `in_force_date` the day it took effect, where known. ATOP's censored rows of a treaty a
// curated record reviewed end at ATOP's last year: the curated continuation stands for
// them. $group_id is the node id ('ATOP-3180') or the curated alias ('NATO').
// :param group_id => 'NATO'
// :param year => 2024
MATCH (a)-[m:MEMBER_OF]->(g:Treaty|Partnership)
WHERE (g.id = $group_id OR g.alias = $group_id)
  AND m.start <= $year AND coalesce(m.`end`, $year) >= $year
  AND (m.`end` IS NOT NULL OR m.observed_until >= $year OR g.reviewed_until IS NULL)
WITH g, a, collect(DISTINCT m.role) AS roles, collect(DISTINCT m.phase) AS phases,
     collect(DISTINCT m.source) AS sources,
     max(CASE WHEN coalesce(m.defense, g.defense) THEN 1 ELSE 0 END) AS defense,
     max(CASE WHEN coalesce(m.offense, g.offense) THEN 1 ELSE 0 END) AS offense,
     max(CASE WHEN coalesce(m.neutrality, g.neutrality) THEN 1 ELSE 0 END) AS neutrality,
     max(CASE WHEN coalesce(m.nonaggression, g.nonaggression) THEN 1 ELSE 0 END)
       AS nonaggression,
     max(CASE WHEN coalesce(m.consultation, g.consultation) THEN 1 ELSE 0 END)
       AS consultation,
     count(m) - count(m.`end`) AS open, max(m.`end`) AS last_end
MATCH (a)-[e:MEMBER_OF]->(g)
WITH g, a, roles, phases, sources, defense, offense, neutrality, nonaggression,
     consultation, open, last_end, min(e.start) AS joined, min(e.start_date) AS signed_date,
     max(e.in_force_date) AS in_force_date, g.defense IS NOT NULL AS treaty
RETURN g.id AS group_id, g.name AS name, a.code AS code, a.name AS member, roles AS role,
       phases AS phase, joined, signed_date, in_force_date,
       CASE WHEN open > 0 THEN null ELSE last_end END AS `end`,
       CASE WHEN treaty THEN defense > 0 END AS defense,
       CASE WHEN treaty THEN offense > 0 END AS offense,
       CASE WHEN treaty THEN neutrality > 0 END AS neutrality,
       CASE WHEN treaty THEN nonaggression > 0 END AS nonaggression,
       CASE WHEN treaty THEN consultation > 0 END AS consultation,
       sources AS source
ORDER BY joined, member
