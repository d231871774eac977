-- Steadfast store, version 5: the results of a service are found by service alone.
-- Portable as V1 (H2 2.x and PostgreSQL 15).
--
-- The index on (service, suite, test, target) put each new result among the earlier ones of its test
-- instance, so a batch of results wrote as many index pages as it had test instances; on service alone
-- the new entries of a service go after its earlier ones (H2 orders equal keys by row id, PostgreSQL by
-- row position), a page or two per service in the batch. It still serves a service's history and
-- count; recomputing one group's latest result after a retraction filters that service's rows.
DROP INDEX results_instance_idx;
CREATE INDEX results_service_idx ON results (service);
