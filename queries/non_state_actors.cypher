// Non-state actors with the region of the state they are based in.
MATCH (n:NonStateActor)
OPTIONAL MATCH (s:State {code: n.based_in})
RETURN n.code AS code, n.name AS name, s.region AS region
