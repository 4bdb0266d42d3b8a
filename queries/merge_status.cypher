// Create or update a status that states hold for spells (system member, major power…).
// :param id => 'cow-system-member'
// :param name => 'COW state system member'
// :param source => 'cow-states'
MERGE (s:Status {id: $id})
SET s.name = $name, s.source = $source
