-- one audit row per delivered record: the write's row also says when the version was read and from which system
-- (a row of its own, action READ, before: two rows and their four index entries per record were 8 % of the CPU of an
-- initial load); READ rows remain for records read and not written (stale, unchanged, dead-lettered)
ALTER TABLE bridge_audit ADD COLUMN read_from VARCHAR(120);
ALTER TABLE bridge_audit ADD COLUMN read_at TIMESTAMP(3);
