-- Run once by the postgres image on an empty data volume: one database per service.
-- (Each service migrates its own schema at start-up: `serve --migrate`.)
CREATE DATABASE milagro_registry;
CREATE DATABASE milagro_events;
CREATE DATABASE milagro_coaching;
CREATE DATABASE milagro_observatory;
CREATE DATABASE milagro_notifier;
