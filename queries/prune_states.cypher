// Remove states a source created earlier that its current file no longer lists.
// :param keep => ['USA', 'CAN']
// :param source => 'cow-states'
MATCH (s:State)
WHERE s.source = $source AND NOT s.code IN $keep
DETACH DELETE s
