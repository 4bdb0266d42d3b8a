// States holding a status (e.g. 'cow-major-power') in a year; a spell still open when
// its data ended counts as held.
// :param status => 'cow-major-power'
// :param year => 2024
MATCH (s:State)-[h:HAS_STATUS]->(:Status {id: $status})
WHERE h.start <= $year AND coalesce(h.`end`, $year) >= $year
RETURN DISTINCT s.code AS code, s.name AS name
