// Remove treaties a source created earlier that its current files no longer list.
// :param keep => ['ATOP-3180']
// :param source => 'atop-treaties'
MATCH (t:Treaty)
WHERE t.source = $source AND NOT t.id IN $keep
DETACH DELETE t
