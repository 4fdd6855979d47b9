-- The grain runtime is Orleans: durable reminders live in its OrleansRemindersTable (migration 0072), and grain_state
-- rows are keyed by Orleans' grain type, the class name without "Grain" in lower case ("Extension" becomes "extension").
drop table grain_reminders;
update grain_state set grain_type = lower(grain_type) where grain_type <> lower(grain_type);
