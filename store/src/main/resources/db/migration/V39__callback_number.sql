-- A callback an agent scheduled may name another number than the contact's own (Genesys' callbackNumbers): when due
-- the gate tries only this number (E.164, parsed with the list's default region), through every per-number check,
-- and the attempt's phone column says 'callback'. Cleared with callback_at when the callback is claimed.
ALTER TABLE contact ADD COLUMN callback_number TEXT;
