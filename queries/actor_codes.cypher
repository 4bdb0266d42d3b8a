// Every actor's code and name, states and non-state actors alike (what user-given codes
// are checked against).
MATCH (a:State|NonStateActor)
RETURN a.code AS code, a.name AS name
ORDER BY code
