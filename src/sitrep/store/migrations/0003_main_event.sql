-- Sitrep store, schema 3 (issue 15): the story's main event. Each document row keeps the index of the mention
-- that tells what its headline and lead report (sitrep.extract.mainevent); the document's exported `main_event`
-- is the fused event holding that mention (mentions.event_id), so it follows merges and redirects. NULL when the
-- document reports no event, and for documents a Sitrep before schema 3 derived (until re-derived).
ALTER TABLE documents ADD COLUMN main_mention INTEGER;
