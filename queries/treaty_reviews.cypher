// Every ATOP alliance with its treaty-wide obligations and the year up to which a curated
// record reviewed its status after ATOP's end (null = not reviewed: its censored spells
// are carried forward).
MATCH (t:Treaty)
WHERE t.atopid IS NOT NULL
RETURN t.atopid AS atopid, t.reviewed_until AS reviewed_until, t.signed AS signed,
       t.defense AS defense,
       t.offense AS offense, t.neutrality AS neutrality, t.nonaggression AS nonaggression,
       t.consultation AS consultation
ORDER BY atopid
