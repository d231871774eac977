-- Steadfast store, version 8: blocks the fold set aside. Portable as V1 (H2 2.x and PostgreSQL 15).
--
-- A block of one service's results that the fold cannot take in (the database refuses a value it
-- holds, or it does not decode) is set aside here with the reason, and the fold goes on past it with
-- the other services' blocks. Its results do not count until it is replayed: folded again, once what
-- stopped it is fixed (the bad result retracted, say), which removes its row.
CREATE TABLE fold_quarantine (
    block_id     BIGINT                   NOT NULL,
    service      VARCHAR(200)             NOT NULL,
    reason       VARCHAR(4000)            NOT NULL,
    set_aside_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fold_quarantine_pk PRIMARY KEY (block_id),
    CONSTRAINT fold_quarantine_block_fk FOREIGN KEY (block_id) REFERENCES result_blocks (id)
);
