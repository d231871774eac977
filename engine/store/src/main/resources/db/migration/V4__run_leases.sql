-- One run per service across every engine sharing the store (DESIGN §8): the holder of a service's
-- row may inject faults into it until expires_at; it renews the row while its run goes and deletes it
-- at the end. A row past expires_at is free for the next run (its holder died or lost the store).
-- Portable as V1 (H2 2.x and PostgreSQL 15). Expiry is compared with the acquiring engine's clock.
CREATE TABLE run_leases (
    service     VARCHAR(200)             NOT NULL,
    holder      VARCHAR(200)             NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_leases_pk PRIMARY KEY (service)
);
