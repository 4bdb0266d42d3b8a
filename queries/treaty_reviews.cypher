// Every ATOP alliance with its treaty-wide obligations, the year up to which a curated
// record reviewed its status after ATOP's end (null = not reviewed: its censored spells
// are carried forward) and that review's status (in_force, ended, superseded, suspended,
// unverified).
MATCH (t:Treaty)
WHERE t.atopid IS NOT NULL
RETURN t.atopid AS atopid, t.reviewed_until AS reviewed_until, t.signed AS signed,
       t.review_status AS review_status, t.status_date AS status_date,
       t.defense AS defense,
       t.offense AS offense, t.neutrality AS neutrality, t.nonaggression AS nonaggression,
       t.consultation AS consultation
ORDER BY atopid
