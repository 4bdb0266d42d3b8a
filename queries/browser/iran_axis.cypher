// Iran's "Axis of Resistance" in a year: every actor in the curated AXIS partnership whose
// membership is in force in $year, states and non-state actors alike (`kind` is 'state'
// or the non-state actor's kind, `based_in` its host state). Iran is the hub; `tie` is
// true for the roles that tie an actor to Iran ('member', 'hub'), false for one recorded
// without a tie (the Iraqi PMF is a 'partner'). `until` null = still in force; Syria's
// membership ends with the fall of Assad (Dec 2024).
// :param year => 2024
MATCH (a)-[m:MEMBER_OF]->(g:Partnership {id: 'AXIS'})
WHERE m.start <= $year AND coalesce(m.`end`, $year) >= $year
  AND g.start <= $year AND coalesce(g.`end`, $year) >= $year
RETURN a.code AS code, a.name AS name, coalesce(a.kind, 'state') AS kind,
       a.based_in AS based_in, m.role AS role, m.role IN ['member', 'hub'] AS tie,
       m.start AS since, m.`end` AS until, m.source_ref AS source_ref
ORDER BY tie DESC, role, since, name
