-- Steadfast store, version 3: the HTTP API's access control.
-- Portable SQL, as V1 (H2 2.x and PostgreSQL 15).

-- Bearer tokens, stored only as the SHA-256 digest (hex) of the token: the token itself is shown once
-- when it is created and never kept. Looked up by digest.
CREATE TABLE api_tokens (
    id         VARCHAR(64)              NOT NULL,
    digest     VARCHAR(64)              NOT NULL,
    role       VARCHAR(16)              NOT NULL,
    team       VARCHAR(200),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_pk PRIMARY KEY (id),
    CONSTRAINT api_tokens_digest_uq UNIQUE (digest)
);

-- Which token posted each result over the API. No foreign key to results: a posted result travels
-- through Kafka and is stored by ingest after this row is written.
CREATE TABLE result_posters (
    result_id VARCHAR(200)             NOT NULL,
    token_id  VARCHAR(64)              NOT NULL,
    posted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT result_posters_pk PRIMARY KEY (result_id)
);
CREATE INDEX result_posters_token_idx ON result_posters (token_id);
