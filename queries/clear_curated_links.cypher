// Forget what the curated source added to treaties other sources own (alias, review year
// and status), so a record removed from the curated files leaves no trace.
// :param source => 'curated'
MATCH (t:Treaty)
WHERE t.source <> $source AND (t.alias IS NOT NULL OR t.reviewed_until IS NOT NULL)
SET t.alias = NULL, t.reviewed_until = NULL, t.review_status = NULL, t.status_date = NULL,
    t.status_source = NULL, t.searched = NULL, t.successor = NULL, t.successor_name = NULL
