// Remove actors, treaties and partnerships a source created earlier that it no longer lists.
// ladybug has no label predicates (n:Label), so one statement per label.
// :param actors => ['HEZBOLLAH']
// :param groups => ['NATO', 'MNNA']
// :param source => 'curated'
MATCH (n:NonStateActor) WHERE n.source = $source AND NOT n.code IN $actors DETACH DELETE n;
MATCH (n:Treaty) WHERE n.source = $source AND NOT n.id IN $groups DETACH DELETE n;
MATCH (n:Partnership) WHERE n.source = $source AND NOT n.id IN $groups DETACH DELETE n
