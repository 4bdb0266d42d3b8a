// Remove actors, treaties and partnerships a source created earlier that it no longer lists.
// :param actors => ['HEZBOLLAH']
// :param groups => ['NATO', 'MNNA']
// :param source => 'curated'
MATCH (n)
WHERE n.source = $source
  AND ((n:NonStateActor AND NOT n.code IN $actors)
       OR ((n:Treaty OR n:Partnership) AND NOT n.id IN $groups))
DETACH DELETE n
