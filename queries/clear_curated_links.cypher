// Forget what the curated source added to treaties other sources own (alias, review year),
// so a record removed from the curated files leaves no trace.
// :param source => 'curated'
MATCH (t:Treaty)
WHERE t.source <> $source AND (t.alias IS NOT NULL OR t.reviewed_until IS NOT NULL)
SET t.alias = NULL, t.reviewed_until = NULL
