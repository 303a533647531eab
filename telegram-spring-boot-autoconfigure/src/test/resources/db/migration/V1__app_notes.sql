-- The application's own migration in TelegramJpaStorageAutoConfigurationTest: it must run in
-- the application's Flyway history, untouched by tgkit's.
CREATE TABLE app_note (
  id BIGINT NOT NULL PRIMARY KEY,
  text VARCHAR(100) NOT NULL
);
