-- H2 only: the write-back outbox's payload as an inline string instead of a CLOB. Every outbox row of an initial load
-- is written once and deleted soon after; as a CLOB each made and copied an H2 LOB and kept H2's LOB cleaner busy:
-- 30 % of the delivery thread went to OutboxRepository.add, half of it the LOB (issue 15, docs/performance.md).
-- CHARACTER VARYING without a length holds up to 1,000,000,000 characters in H2 2.x, so no payload is cut.
-- PostgreSQL's TEXT and MariaDB's LONGTEXT are ordinary strings already: their V8 stays as it is.
ALTER TABLE bridge_crm_outbox ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
