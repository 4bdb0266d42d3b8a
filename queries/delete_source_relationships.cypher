// Remove every relationship a source wrote, so loading it again starts clean.
// :param source => 'atop'
MATCH ()-[r]->()
WHERE r.source = $source
DELETE r
