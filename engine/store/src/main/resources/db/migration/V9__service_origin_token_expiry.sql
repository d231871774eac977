-- Steadfast store, version 9: where each service came from, and when each API token expires.
-- Portable SQL, as V1 (H2 2.x and PostgreSQL 15).

-- 'file': registered by an admin from a file (steadfast services register), which may control
-- processes and run commands; 'api': registered over the HTTP API, which never may (DESIGN §8).
-- Services stored before this version are not known to come from a file: they count as 'api' until
-- an admin registers their file again.
ALTER TABLE services ADD COLUMN origin VARCHAR(8) DEFAULT 'api' NOT NULL;

-- Null: the token never expires (tokens created before this version, or created with
-- --expires-in never).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
