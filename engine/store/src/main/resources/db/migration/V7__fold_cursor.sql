-- Steadfast store, version 7: ingest stores results only; a fold makes them count.
-- Portable as V1 (H2 2.x and PostgreSQL 15).
--
-- The result log gains its second row, the fold cursor: the number of the last block folded into
-- latest_results (and scored). Blocks after it are stored but do not count yet. Up to version 6 every
-- stored block was folded as it was stored, so the cursor starts at the head.
INSERT INTO result_log (id, last_block) SELECT 2, last_block FROM result_log WHERE id = 1;
