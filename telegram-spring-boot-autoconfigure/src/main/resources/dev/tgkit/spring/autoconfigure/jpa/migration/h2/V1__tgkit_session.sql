-- tgkit's session storage (JpaStorage): one row per session name, with its data centers and
-- channels. Applied by tgkit's own Flyway run, recorded in tgkit_schema_history.
-- auth_key signs in as the account: treat these tables as secrets.
-- As the PostgreSQL version, with VARBINARY for the auth key and a lock table: H2 has no
-- advisory locks, so a client holds its session name by locking a row of tgkit_session_lock.

CREATE TABLE tgkit_session (
  name VARCHAR(255) NOT NULL PRIMARY KEY,
  format_version INTEGER NOT NULL,
  home_dc INTEGER NOT NULL,
  user_id BIGINT,
  user_dc INTEGER,
  user_bot BOOLEAN,
  user_username VARCHAR(255),
  state_pts INTEGER,
  state_qts INTEGER,
  state_date INTEGER,
  state_seq INTEGER,
  row_version BIGINT NOT NULL
);

CREATE TABLE tgkit_session_dc (
  session_name VARCHAR(255) NOT NULL REFERENCES tgkit_session (name) ON DELETE CASCADE,
  dc_order INTEGER NOT NULL,
  dc_id INTEGER NOT NULL,
  host VARCHAR(255) NOT NULL,
  port INTEGER NOT NULL,
  auth_key VARBINARY(256),
  PRIMARY KEY (session_name, dc_order)
);

CREATE TABLE tgkit_session_channel (
  session_name VARCHAR(255) NOT NULL REFERENCES tgkit_session (name) ON DELETE CASCADE,
  channel_id BIGINT NOT NULL,
  pts INTEGER NOT NULL,
  PRIMARY KEY (session_name, channel_id)
);

CREATE TABLE tgkit_session_lock (
  name VARCHAR(255) NOT NULL PRIMARY KEY
);
