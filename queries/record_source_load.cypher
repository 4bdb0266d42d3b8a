// Record what one source's load wrote and when: one SourceLoad node per source,
// replaced by each load, in the same transaction as the source's data.
// :param source => 'atop'
// :param name => 'ATOP 5.1 alliance dyad-years'
// :param version => '5.1'
// :param file => 'atop5_1ddyr.csv.gz'
// :param rows_read => 273296
// :param nodes => 0
// :param relationships => 7715
// :param loaded_at => '2026-01-01T00:00:00Z'
// :param seconds => 1.25
MERGE (l:SourceLoad {source: $source})
SET l.name = $name, l.version = $version, l.file = $file, l.rows_read = $rows_read,
    l.nodes = $nodes, l.relationships = $relationships, l.loaded_at = $loaded_at, l.seconds = $seconds
