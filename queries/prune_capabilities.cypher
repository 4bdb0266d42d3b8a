// Remove capability records a source wrote earlier that its current file no longer has.
// :param keep => ['USA-2018']
// :param source => 'cow-nmc'
MATCH (c:Capability)
WHERE c.source = $source AND NOT c.id IN $keep
DETACH DELETE c
